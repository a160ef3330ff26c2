using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class AccessPolicyTests
{
    private const string Owner = "91330500MA2JTR010T";

    [Theory]
    [InlineData(Roles.Admin, null, null, true)]
    [InlineData(Roles.Leader, null, null, true)]
    [InlineData(Roles.Enterprise, null, Owner, true)]
    [InlineData(Roles.Enterprise, null, "91330522MA2KPK020P", false)]
    [InlineData(Roles.Officer, null, null, true)]
    [InlineData(Roles.Officer, "330502", null, true)]
    [InlineData(Roles.Officer, "330521", null, false)]
    [InlineData("visitor", null, null, false)]
    public void CanSee_ByRole_FollowsApiMd(string role, string? county, string? uscc, bool expected) =>
        Assert.Equal(expected, AccessPolicy.CanSee(new Actor("someone", role, uscc, County: county), "330502", Owner, null));

    [Fact]
    public void CanSee_Liaison_OnlyAssignedProjects()
    {
        var chen = new Actor("liaison-chen", Roles.Liaison);

        Assert.True(AccessPolicy.CanSee(chen, "330502", Owner, "liaison-chen"));
        Assert.False(AccessPolicy.CanSee(chen, "330502", Owner, "liaison-wang"));
        Assert.False(AccessPolicy.CanSee(chen, "330502", Owner, null));
    }

    [Fact]
    public void Narrow_CountyOfficerAskingForAnotherCounty_SeesNothing() =>
        Assert.Null(AccessPolicy.ScopeOf(new Actor("o", Roles.Officer, County: "330502"))!.Narrow("330521", null));

    [Fact]
    public void Narrow_CountyOfficerWithoutFilter_IsKeptToTheirCounty() =>
        Assert.Equal(new ProjectScope("330502", null, null), AccessPolicy.ScopeOf(new Actor("o", Roles.Officer, County: "330502"))!.Narrow(null, null));

    [Fact]
    public void Narrow_LiaisonAskingForAnother_SeesNothing() =>
        Assert.Null(AccessPolicy.ScopeOf(new Actor("liaison-chen", Roles.Liaison))!.Narrow(null, "liaison-wang"));

    [Fact]
    public void Narrow_Enterprise_KeepsItsFiltersUnderItsOwnUscc() =>
        Assert.Equal(new ProjectScope("330521", Owner, null), AccessPolicy.ScopeOf(new Actor("e", Roles.Enterprise, Owner))!.Narrow("330521", null));

    [Fact]
    public void ScopeOf_EnterpriseWithoutUscc_IsNothing() =>
        Assert.Null(AccessPolicy.ScopeOf(new Actor("e", Roles.Enterprise)));

    [Theory]
    [InlineData("999999", null, null, 1, 20)]
    [InlineData(null, "asleep", null, 1, 20)]
    [InlineData(null, null, "purple", 1, 20)]
    [InlineData(null, null, null, 0, 20)]
    [InlineData(null, null, null, 1, 201)]
    public void ListFilter_Malformed_IsInvalidListFilter(string? county, string? state, string? light, int page, int pageSize) =>
        Assert.Equal(Rules.InvalidListFilter, ProjectListFilter.Check(county, state, light, page, pageSize)?.Rule);

    [Fact]
    public void ListFilter_Valid_IsAccepted() =>
        Assert.Null(ProjectListFilter.Check("330502", "active", "red", 1, 200));
}
