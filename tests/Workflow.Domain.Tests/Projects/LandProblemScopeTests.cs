using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class LandProblemScopeTests
{
    [Fact]
    public void Of_EachRole_ScopesAsTheBoardShows()
    {
        Assert.Equal(LandProblemScope.Everything, LandProblemScope.Of(new Actor("leader-li", Roles.Leader)));
        Assert.Equal(new LandProblemScope("330522", "finance", null), LandProblemScope.Of(new Actor("off", Roles.Officer, Department: "finance", County: "330522")));
        Assert.Equal(new LandProblemScope(null, "finance", null), LandProblemScope.Of(new Actor("off", Roles.Officer, Department: "finance")));
        Assert.Equal(new LandProblemScope(null, null, "liaison-chen"), LandProblemScope.Of(new Actor("liaison-chen", Roles.Liaison)));
        Assert.Null(LandProblemScope.Of(new Actor("ent", Roles.Enterprise, Uscc: "91330500MA2JTR010T")));
    }

    [Fact]
    public void Narrow_CountyOutsideACountyOfficersScope_IsNull()
    {
        var officer = LandProblemScope.Of(new Actor("off", Roles.Officer, Department: "finance", County: "330522"))!;

        Assert.Null(officer.Narrow("330502"));
        Assert.Equal(officer, officer.Narrow("330522"));
        Assert.Equal("330502", LandProblemScope.Everything.Narrow("330502")!.County);
    }

    [Fact]
    public void ProblemNotices_AssignedToTheDepartmentInTheCounty_ResolvedToAnotherLiaisonOnly()
    {
        Assert.Equal([new NoticeAudience(NoticeAudiences.Department, "finance", "330502")], NoticeAudiences.ForProblemAssigned("finance", "330502"));
        Assert.Equal([new NoticeAudience(NoticeAudiences.Liaison, "liaison-chen", null)], NoticeAudiences.ForProblemResolved("liaison-chen", "off-finance"));
        Assert.Empty(NoticeAudiences.ForProblemResolved("liaison-chen", "liaison-chen"));
        Assert.Empty(NoticeAudiences.ForProblemResolved(null, "off-finance"));
    }
}
