using System.Text.Json;

namespace Workflow.Domain.Tests;

public sealed class YieldTableTests
{
    [Theory]
    [InlineData(1, 1500)]
    [InlineData(5, 1100)]
    [InlineData(8, 800)]
    [InlineData(15, 100)]
    public void Default_Grade_Is16MinusGradeTimes100(int grade, int kgPerMu) =>
        Assert.Equal(kgPerMu, YieldTable.Default.KgPerMu(grade));

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(-1)]
    public void KgPerMu_GradeOutsideOneToFifteen_Throws(int grade) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => YieldTable.Default.KgPerMu(grade));

    [Fact]
    public void CapacityKg_AreaAndGrade_IsAreaTimesYield() =>
        Assert.Equal(11_000m, YieldTable.Default.CapacityKg(10m, 5));

    [Fact]
    public void WithGrade_OneGradeConfigured_ChangesOnlyThatGrade()
    {
        var configured = YieldTable.Default.WithGrade(5, 1_234m);

        Assert.Equal(1_234m, configured.KgPerMu(5));
        Assert.Equal(1_200m, configured.KgPerMu(4));
        Assert.Equal(1_100m, YieldTable.Default.KgPerMu(5));
        Assert.NotEqual(YieldTable.Default, configured);
    }

    [Fact]
    public void Constructor_WholeTableConfigured_UsesGivenFigures()
    {
        var flat = new YieldTable(Enumerable.Repeat(700m, 15).ToArray());

        Assert.Equal(700m, flat.KgPerMu(1));
        Assert.Equal(700m, flat.KgPerMu(15));
    }

    [Fact]
    public void Constructor_WrongNumberOfGrades_Throws() =>
        Assert.Throws<ArgumentException>(() => new YieldTable(Enumerable.Repeat(700m, 14).ToArray()));

    [Fact]
    public void Constructor_NegativeYield_Throws() =>
        Assert.Throws<ArgumentException>(() => new YieldTable([.. Enumerable.Repeat(700m, 14), -1m]));

    [Fact]
    public void Equals_SameFiguresDifferentInstances_Equal()
    {
        var copy = new YieldTable(YieldTable.Default.KgPerMuByGrade.ToArray());

        Assert.Equal(YieldTable.Default, copy);
        Assert.Equal(YieldTable.Default.GetHashCode(), copy.GetHashCode());
    }

    [Fact]
    public void Json_RoundTrip_KeepsFigures()
    {
        var configured = YieldTable.Default.WithGrade(3, 1_333.5m);

        var loaded = JsonSerializer.Deserialize<YieldTable>(JsonSerializer.Serialize(configured));

        Assert.Equal(configured, loaded);
    }
}
