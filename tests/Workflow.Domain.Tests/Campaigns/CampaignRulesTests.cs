using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class CampaignRulesTests
{
    private const string Anji = "330523";
    private const string Changxing = "330522";
    private static readonly TemplateCatalog Templates = TemplateCatalog.Embedded();
    private static readonly Actor Leader = new("leader-li", Roles.Leader);
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static CampaignDraft Steps(params string[] counties) => new(
        "四季度用地报批攻坚", new DateOnly(2026, 11, 2), new DateOnly(2026, 12, 27),
        new CampaignScope([], Procedures.LandAcquisition, ["survey", "approval"], counties),
        new CampaignTarget(CampaignTargets.Completions, 80, null));

    [Fact]
    public void Open_ByLeader_KeepsTheTermsInCanonicalOrder()
    {
        var (campaign, refusal) = CampaignRules.Open("c-1", Steps(Anji, Changxing), Leader, Now, Templates);

        Assert.Null(refusal);
        Assert.Equal(["approval", "survey"], campaign!.Scope.Steps);
        Assert.Equal([Changxing, Anji], campaign.Scope.Counties);
        Assert.Equal(56, campaign.Days);
        Assert.Equal("leader-li", campaign.OpenedBy);
    }

    [Theory]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Liaison)]
    [InlineData(Roles.Enterprise)]
    public void Open_ByAnyoneButLeaderOrAdmin_RefusedRoleForbidden(string role)
    {
        var (campaign, refusal) = CampaignRules.Open("c-2", Steps(), new Actor("someone", role, County: Anji), Now, Templates);

        Assert.Null(campaign);
        Assert.Equal(Rules.RoleForbidden, refusal!.Rule);
    }

    public static TheoryData<string> BadDrafts => ["title", "window", "long-window", "both", "neither", "step", "procedure", "county", "code", "project-counties", "no-target", "two-targets", "rate"];

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public void Open_BadDraft_RefusedInvalidCampaign(string flaw)
    {
        var good = Steps(Anji);
        var draft = flaw switch
        {
            "title" => good with { Title = " " },
            "window" => good with { Last = good.First.AddDays(-1) },
            "long-window" => good with { Last = good.First.AddDays(CampaignRules.MaxDays) },
            "both" => good with { Scope = good.Scope with { Projects = ["2603-330502-01-01-00001X"] } },
            "neither" => good with { Scope = good.Scope with { Steps = [] } },
            "step" => good with { Scope = good.Scope with { Steps = ["no_such_step"] } },
            "procedure" => good with { Scope = good.Scope with { Procedure = "no-such-procedure" } },
            "county" => good with { Scope = good.Scope with { Counties = ["999999"] } },
            "code" => good with { Scope = new CampaignScope(["not-a-code"], null, [], []) },
            "project-counties" => good with { Scope = new CampaignScope(["2603-330502-01-01-00001X"], null, [], [Anji]) },
            "no-target" => good with { Target = new CampaignTarget(CampaignTargets.Completions, 0, null) },
            "two-targets" => good with { Target = new CampaignTarget(CampaignTargets.Completions, 5, 0.9) },
            _ => good with { Target = new CampaignTarget(CampaignTargets.OnTimeRate, null, 1.5) },
        };

        var (campaign, refusal) = CampaignRules.Open("c-3", draft, Leader, Now, Templates);

        Assert.Null(campaign);
        Assert.Equal(Rules.InvalidCampaign, refusal!.Rule);
    }

    [Fact]
    public void SameTerms_SameDraftInAnotherOrder_IsTheSameAndAnotherTitleIsNot()
    {
        var (campaign, _) = CampaignRules.Open("c-4", Steps(Anji, Changxing), Leader, Now, Templates);

        Assert.True(CampaignRules.SameTerms(campaign!, Steps(Changxing, Anji), Templates));
        Assert.False(CampaignRules.SameTerms(campaign!, Steps(Anji, Changxing) with { Title = "另一场攻坚" }, Templates));
        Assert.False(CampaignRules.SameTerms(campaign!, Steps(Anji), Templates));
    }

    [Fact]
    public void CanRead_OfficerOfTheOnlyCountyInScope_ReadsItAndNoOtherOfficerDoes()
    {
        var (anjiOnly, _) = CampaignRules.Open("c-5", Steps(Anji), Leader, Now, Templates);
        var (twoCounties, _) = CampaignRules.Open("c-6", Steps(Anji, Changxing), Leader, Now, Templates);
        var anjiOfficer = new Actor("off-gov-anji", Roles.Officer, Department: "county-government", County: Anji);
        var changxingOfficer = new Actor("off-nr-changxing", Roles.Officer, Department: "natural-resources", County: Changxing);

        Assert.True(CampaignRules.CanRead(anjiOnly!, anjiOfficer));
        Assert.False(CampaignRules.CanRead(anjiOnly!, changxingOfficer));
        Assert.False(CampaignRules.CanRead(twoCounties!, anjiOfficer));
        Assert.True(CampaignRules.CanRead(twoCounties!, Leader));
        Assert.False(CampaignRules.CanRead(anjiOnly!, new Actor("liaison-wang", Roles.Liaison)));
    }
}
