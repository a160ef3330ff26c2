using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class NoticeAudiencesTests
{
    [Theory]
    [InlineData("green", "yellow", true)]
    [InlineData("green", "red", true)]
    [InlineData("yellow", "red", true)]
    [InlineData("red", "yellow", false)]
    [InlineData("yellow", "green", false)]
    [InlineData("red", "red", false)]
    public void IsEscalation_OnlyATurnForTheWorseIntoYellowOrRed(string from, string to, bool told) =>
        Assert.Equal(told, NoticeAudiences.IsEscalation(from, to));

    [Fact]
    public void ForStepLight_TellsLiaisonDepartmentInCountyAndLeaders()
    {
        var audiences = NoticeAudiences.ForStepLight("liaison-chen", "natural-resources", "330502");

        Assert.Equal(
            [new NoticeAudience("liaison", "liaison-chen", null), new("department", "natural-resources", "330502"), new("leaders", "", "330502")],
            audiences);
        Assert.DoesNotContain(NoticeAudiences.ForStepLight(null, "natural-resources", "330502"), a => a.Kind == NoticeAudiences.Liaison);
    }

    [Fact]
    public void ForChase_TellsOnlyTheDepartmentInTheCounty() =>
        Assert.Equal([new NoticeAudience("department", "finance", "330522")], NoticeAudiences.ForChase("finance", "330522"));

    [Fact]
    public void ReaderOf_EachRoleReadsItsOwnAudience()
    {
        var countyOfficer = NoticeAudiences.ReaderOf(new Actor("off-nr-changxing", Roles.Officer, Department: "natural-resources", County: "330522"))!;
        var cityOfficer = NoticeAudiences.ReaderOf(new Actor("off-nr", Roles.Officer, Department: "natural-resources"))!;
        var liaison = NoticeAudiences.ReaderOf(new Actor("liaison-chen", Roles.Liaison))!;
        var leader = NoticeAudiences.ReaderOf(new Actor("leader-li", Roles.Leader))!;
        var inWuxing = new NoticeAudience("department", "natural-resources", "330502");

        Assert.False(countyOfficer.Reads(inWuxing));
        Assert.True(countyOfficer.Reads(inWuxing with { County = "330522" }));
        Assert.True(cityOfficer.Reads(inWuxing));
        Assert.False(cityOfficer.Reads(inWuxing with { Key = "finance" }));
        Assert.True(liaison.Reads(new NoticeAudience("liaison", "liaison-chen", null)));
        Assert.False(liaison.Reads(new NoticeAudience("liaison", "liaison-wang", null)));
        Assert.True(leader.Reads(new NoticeAudience("leaders", "", "330521")));
        Assert.Null(NoticeAudiences.ReaderOf(new Actor("ent-rail", Roles.Enterprise, Uscc: "x")));
        Assert.Null(NoticeAudiences.ReaderOf(new Actor("admin", Roles.Admin)));
    }
}
