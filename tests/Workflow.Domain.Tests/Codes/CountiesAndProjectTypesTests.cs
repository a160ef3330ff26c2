namespace Workflow.Domain.Tests;

public sealed class CountiesAndProjectTypesTests
{
    [Fact]
    public void Counties_Huzhou_FiveCountiesWithNames()
    {
        Assert.Equal(["330502", "330503", "330521", "330522", "330523"], Counties.Huzhou.Select(c => c.Code));
        Assert.Equal(new County("330523", "安吉县", "Anji County"), Counties.Get("330523"));
        Assert.Equal("吴兴区", Counties.Get("330502").NameZh);
    }

    [Theory]
    [InlineData("330502", true)]
    [InlineData("330500", false)]
    [InlineData("", false)]
    public void Counties_IsKnown_OnlyHuzhouCounties(string code, bool known) => Assert.Equal(known, Counties.IsKnown(code));

    [Fact]
    public void Counties_GetUnknown_Throws() => Assert.Throws<KeyNotFoundException>(() => Counties.Get("330100"));

    [Fact]
    public void ProjectTypes_All_TenDistinctTwoDigitCodes()
    {
        Assert.Equal(10, ProjectTypes.All.Count);
        Assert.Equal(10, ProjectTypes.All.Select(t => t.Code).Distinct().Count());
        Assert.All(ProjectTypes.All, t => Assert.Matches("^[0-9]{2}$", t.Code));
    }

    [Theory]
    [InlineData("rail", "01", "轨道交通")]
    [InlineData("standard-land", "05", "标准地")]
    [InlineData("resettlement-housing", "08", "安置房")]
    [InlineData("tourism", "10", "旅游项目")]
    public void ProjectTypes_Get_CodeAndChineseName(string key, string code, string nameZh)
    {
        Assert.True(ProjectTypes.IsKnown(key));
        Assert.Equal(code, ProjectTypes.Get(key).Code);
        Assert.Equal(nameZh, ProjectTypes.Get(key).NameZh);
    }

    [Theory]
    [InlineData("Rail")]
    [InlineData("railway")]
    [InlineData("")]
    public void ProjectTypes_IsKnown_UnknownKey_False(string key) => Assert.False(ProjectTypes.IsKnown(key));

    [Fact]
    public void ProjectTypes_TryGetByCode_FindsType()
    {
        Assert.True(ProjectTypes.TryGetByCode("07", out var type));
        Assert.Equal("school", type.Key);
        Assert.False(ProjectTypes.TryGetByCode("99", out _));
    }
}
