using System.Globalization;
using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Cluster.Tests;

/// <summary>
/// What the load does with one project: register it (with its own code, so a repeated registration is refused
/// rather than duplicated), submit its proposal, and walk the steps that need no statutory wait: approval, the
/// farmland balance with its quota reservation, the pre-announcement's start, the survey with a supplement request (补正)
/// and the risk assessment;
/// every third project is then withdrawn, which releases its quota.
/// </summary>
internal sealed class ProjectPlan
{
    public const string Owner = "ent-rail";
    public const string OwnerUscc = "91330500MA2JTR010T";
    public static readonly string[] Users = [Owner, "off-drc", "off-nr", "off-gov", "admin"];

    /// <summary>Each project's cultivated area, paddy and grade: quota 10 mu, 4 mu paddy, 9,000 kg capacity.</summary>
    public const decimal CultivatedMu = 10m;
    public const decimal PaddyMu = 4m;

    private ProjectPlan(string code, string county, int number)
    {
        Code = code;
        County = county;
        Number = number;
        Acts = [.. Build()];
    }

    public string Code { get; }

    public string County { get; }

    public int Number { get; }

    public IReadOnlyList<PlannedAct> Acts { get; }

    public static ProjectPlan Create(int number)
    {
        var county = Counties.Huzhou[number % Counties.Huzhou.Count].Code;
        var code = ProjectCode.Create(new DateOnly(2026, 11, 1), county, ProjectCode.NaturalResourcesDepartment, ProjectTypes.Get("rail").Code, number).Value;
        return new ProjectPlan(code, county, number);
    }

    /// <summary>A leader's act outside the plan: assigning a liaison, one of two in turn.</summary>
    public PlannedAct AssignLiaison(int turn) => new(
        "liaison", "admin", $"/api/projects/{Code}/liaison", new JsonObject { ["liaison"] = turn % 2 == 0 ? "liaison-wang" : "liaison-chen" },
        "liaison", null, null, null);

    private IEnumerable<PlannedAct> Build()
    {
        var registration = new JsonObject
        {
            ["code"] = Code,
            ["name"] = $"故障演练项目 {Number}",
            ["ownerUscc"] = OwnerUscc,
            ["county"] = County,
            ["type"] = "rail",
            ["track"] = "batch",
            ["areaMu"] = 20,
            ["cultivatedMu"] = CultivatedMu,
            ["paddyMu"] = PaddyMu,
            ["grade"] = 7,
            ["permanentBasicFarmland"] = false,
            ["households"] = 3,
            ["supplyMode"] = "allocation",
        };
        // Registered under the plan's own code, so a repeat after an unknown outcome is safe: only an administrator names a code.
        yield return new PlannedAct("register", "admin", "/api/projects", registration, "registered", null, null, null);
        yield return new PlannedAct("document", Owner, $"/api/projects/{Code}/documents", new JsonObject { ["key"] = "project-proposal" }, "document", null, null, "project-proposal");
        foreach (var (step, action, user) in new[]
        {
            ("approval", "start", "off-drc"), ("approval", "complete", "off-drc"),
            ("farmland_balance", "start", "off-nr"), ("farmland_balance", "reserve", "off-nr"), ("farmland_balance", "complete", "off-nr"),
            // The survey starts once the pre-announcement is published (实施条例 第二十六条).
            ("pre_announcement", "start", "off-gov"),
            ("survey", "start", "off-nr"), ("survey", "suspend", "off-nr"), ("survey", "resume", "off-nr"), ("survey", "complete", "off-nr"),
            ("risk_assessment", "start", "off-gov"), ("risk_assessment", "complete", "off-gov"),
        })
        {
            var reason = Reason($"{step} {action}");
            yield return new PlannedAct($"{step}/{action}", user, $"/api/projects/{Code}/steps/{step}/{action}", new JsonObject { ["reason"] = reason }, action, step, reason, null);
        }

        if (Number % 3 == 0)
        {
            var reason = Reason("withdraw");
            yield return new PlannedAct("withdraw", Owner, $"/api/projects/{Code}/withdraw", new JsonObject { ["reason"] = reason }, "withdraw", null, reason, null);
        }
    }

    private string Reason(string what) => string.Create(CultureInfo.InvariantCulture, $"fault-test {Code} {what}");
}
