namespace Workflow.Benchmarks;

/// <summary>One outside act on a project: an officer's step action, or the owner submitting a document.</summary>
public sealed record LalAct(string Step, string Action, string User, string? Body = null)
{
    public const string Documents = "documents";

    public bool IsDocument => Step == Documents;

    /// <summary>The name the peers wait for: <c>step.action</c>.</summary>
    public string EventName => Step + "." + Action;

    public string Path(string code) => IsDocument ? $"/api/projects/{code}/documents" : $"/api/projects/{code}/steps/{Step}/{Action}";

    public string JsonBody => IsDocument ? $$"""{"key":"{{Action}}"}""" : Body ?? "{}";
}

/// <summary>Acts that one officer (or the owner) performs in order.</summary>
public sealed record LalLane(IReadOnlyList<LalAct> Acts);

/// <summary>Lanes that run side by side (parallel branches of the template); the next stage starts when all are done.</summary>
public sealed record LalStage(IReadOnlyList<LalLane> Lanes);

/// <summary>Stages between two jumps of the platform's clock (statutory minimum periods lie between phases).</summary>
public sealed record LalPhase(IReadOnlyList<LalStage> Stages)
{
    public IEnumerable<LalAct> Acts => Stages.SelectMany(s => s.Lanes).SelectMany(l => l.Acts);
}

/// <summary>
/// The whole life of a LAL_2020 project on the batch track (no pre-review; no hearing: nobody objects), as its outside
/// acts, in the order the template allows them: 3 documents and 31 step actions (start and complete of 15 steps, and
/// the quota reservation). The same script drives LandFlow over HTTP and the peers in memory.
/// </summary>
public static class LalScript
{
    public const string Owner = "ent-rail";
    public const string OwnerUscc = "91330500MA2JTR010T";

    /// <summary>The officer who acts on each step (province level: under 525 mu of cultivated land).</summary>
    public static readonly IReadOnlyDictionary<string, string> OfficerOf = new Dictionary<string, string>
    {
        ["approval"] = "off-drc",
        ["pre_announcement"] = "off-gov",
        ["survey"] = "off-nr",
        ["risk_assessment"] = "off-gov",
        ["compensation_plan"] = "off-nr",
        ["plan_announcement"] = "off-gov",
        ["registration"] = "off-nr",
        ["agreements"] = "off-gov",
        ["farmland_balance"] = "off-nr",
        ["funds"] = "off-finance",
        ["filing"] = "off-prov-gov",
        ["acquisition_announcement"] = "off-gov",
        ["payment_handover"] = "off-gov",
        ["land_supply"] = "off-nr",
        ["property_registration"] = "off-registry",
    };

    public static readonly IReadOnlyList<string> Users =
        [Owner, "admin", "leader-li", "off-drc", "off-gov", "off-nr", "off-finance", "off-prov-gov", "off-registry"];

    public static readonly IReadOnlyList<LalPhase> Phases =
    [
        new([
            // The survey and the risk assessment start once the pre-announcement is published (实施条例 第二十六条).
            Stage(Lane(Document("project-proposal"), Document("filing-package"), Document("land-use-contract"), Start("approval"), Complete("approval"), Start("pre_announcement"))),
            Stage(
                Lane(Start("survey"), Complete("survey")),
                Lane(Start("risk_assessment"), Complete("risk_assessment")),
                Lane(Start("farmland_balance"), Act("farmland_balance", "reserve"), Complete("farmland_balance"))),
        ]),
        new([
            Stage(Lane(Complete("pre_announcement"), Start("compensation_plan"), Complete("compensation_plan", """{"facts":{"totalYuan":9600000}}"""))),
            Stage(
                Lane(Start("plan_announcement")),
                Lane(Start("registration"), Complete("registration")),
                Lane(Start("funds"), Complete("funds", """{"facts":{"depositedYuan":9600000}}"""))),
        ]),
        new([
            Stage(Lane(
                Complete("plan_announcement", """{"facts":{"members":120,"objecting":0}}"""),
                Start("agreements"), Complete("agreements", """{"facts":{"signedHouseholds":12}}"""),
                Start("filing"), Complete("filing"),
                Start("acquisition_announcement"))),
        ]),
        new([
            // The acquisition announcement runs at least 10 working days (浙江省土地管理条例 第四十五条).
            Stage(Lane(
                Complete("acquisition_announcement"),
                Start("payment_handover"), Complete("payment_handover"),
                Start("land_supply"), Complete("land_supply"),
                Start("property_registration"), Complete("property_registration"))),
        ]),
    ];

    /// <summary>How far the clock jumps after each phase but the last (10 working days; 30 days; 10 working days), with room
    /// to spare: a period that ends on a rest day runs on to the next working day, up to a week later after a holiday
    /// (31 days fell short once a run's clock reached mid-2027).</summary>
    public const string ClockJump = "P40D";

    public static IEnumerable<LalAct> AllActs => Phases.SelectMany(p => p.Acts);

    public static int ActCount => AllActs.Count();

    /// <summary>The registration body for a project in <paramref name="county"/> under <paramref name="code"/>.</summary>
    public static string Registration(string code, string county) =>
        $$"""{"name":"湖州市域铁路示范段","ownerUscc":"{{OwnerUscc}}","county":"{{county}}","type":"rail","track":"batch","areaMu":200,"cultivatedMu":100,"paddyMu":40,"grade":7,"permanentBasicFarmland":false,"households":12,"supplyMode":"allocation","code":"{{code}}"}""";

    private static LalStage Stage(params LalLane[] lanes) => new(lanes);

    private static LalLane Lane(params LalAct[] acts) => new(acts);

    private static LalAct Document(string key) => new(LalAct.Documents, key, Owner);

    private static LalAct Start(string step) => Act(step, "start");

    private static LalAct Complete(string step, string? body = null) => Act(step, "complete", body);

    private static LalAct Act(string step, string action, string? body = null) => new(step, action, OfficerOf[step], body);
}
