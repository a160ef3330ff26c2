using System.Globalization;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class ApprovalAuthorityBookTests
{
    private static readonly ApprovalAuthorityBook Book = ApprovalAuthorityBook.Standard;

    [Fact]
    public void For_StateCouncilLevelInZhejiangSinceEntrustment_StateCouncilInLawProvinceInPractice()
    {
        var authority = Book.For(ApprovalLevels.StateCouncil, "330502", Day("2020-03-01"))!;

        Assert.Equal("state-council", authority.AuthorityInLaw);
        Assert.Equal("province-government", authority.ApproverInPractice);
        Assert.Contains("国发〔2020〕4号", authority.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void For_StateCouncilLevelInZhejiangBeforeEntrustment_StateCouncilApproves()
    {
        var authority = Book.For(ApprovalLevels.StateCouncil, "330521", Day("2020-02-29"))!;

        Assert.Equal("state-council", authority.AuthorityInLaw);
        Assert.Equal("state-council", authority.ApproverInPractice);
    }

    [Fact]
    public void For_StateCouncilLevelOutsidePilotProvince_StateCouncilApproves()
    {
        // 360000 is Jiangxi, not among the first pilot provinces.
        var authority = Book.For(ApprovalLevels.StateCouncil, "360102", Day("2026-03-02"))!;

        Assert.Equal("state-council", authority.ApproverInPractice);
    }

    [Theory]
    [InlineData("2019-06-01")]
    [InlineData("2026-03-02")]
    public void For_ProvinceLevel_ProvinceInLawAndInPractice(string date)
    {
        var authority = Book.For(ApprovalLevels.Province, "330523", Day(date))!;

        Assert.Equal("province-government", authority.AuthorityInLaw);
        Assert.Equal("province-government", authority.ApproverInPractice);
    }

    [Fact]
    public void For_DateBeforeEveryRow_Null() => Assert.Null(Book.For(ApprovalLevels.Province, "330502", Day("1990-01-01")));

    [Fact]
    public void Constructor_OverlappingRowsForSameProvince_Throws() =>
        Assert.Throws<FormatException>(() => new ApprovalAuthorityBook(
        [
            new ApprovalAuthority("province", "330000", Day("2020-01-01"), null, "a", "a", "s"),
            new ApprovalAuthority("province", "330000", Day("2021-01-01"), null, "b", "b", "s"),
        ]));

    [Fact]
    public void Parse_UnknownKey_Throws() =>
        Assert.Throws<FormatException>(() => ApprovalAuthorityBook.Parse("""{"rows":[],"extra":1}"""));

    [Fact]
    public void ApprovalAuthority_LargeProjectInHuzhou_EntrustedToProvinceAndLevelUnchanged()
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(areaMu: 1200m, cultivatedMu: 600m, paddyMu: 100m));

        var authority = scenario.Project.ApprovalAuthority()!;

        Assert.Equal(ApprovalLevels.StateCouncil, scenario.State.ApprovalLevel);
        Assert.Equal("state-council", authority.AuthorityInLaw);
        Assert.Equal("province-government", authority.ApproverInPractice);
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);
}
