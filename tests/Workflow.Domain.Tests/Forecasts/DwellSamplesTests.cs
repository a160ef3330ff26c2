using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class DwellSamplesTests
{
    private static DwellSamples Samples(DateTimeOffset? asOf, params (string Step, string County, int[] Days)[] histograms) =>
        new(histograms.Select(h => KeyValuePair.Create(new DwellKey("LAL_2020", h.Step, h.County), DwellHistogram.Of(h.Days))), asOf);

    [Fact]
    public void SameHistogramsAs_SameCountsReadAtAnotherTime_IsTrue()
    {
        var first = Samples(DateTimeOffset.UnixEpoch, ("survey", "330502", [3, 3, 5]), ("approval", "330521", [10]));
        var again = Samples(DateTimeOffset.UnixEpoch.AddMinutes(1), ("approval", "330521", [10]), ("survey", "330502", [5, 3, 3]));

        Assert.True(first.SameHistogramsAs(again));
        Assert.True(again.SameHistogramsAs(first));
    }

    [Theory]
    [InlineData("survey", "330502", new[] { 3, 3, 6 })]
    [InlineData("survey", "330502", new[] { 3, 3, 5, 5 })]
    [InlineData("survey", "330521", new[] { 3, 3, 5 })]
    public void SameHistogramsAs_AVisitMoreOrElsewhere_IsFalse(string step, string county, int[] days)
    {
        var first = Samples(null, ("survey", "330502", [3, 3, 5]));
        var other = Samples(null, (step, county, days));

        Assert.False(first.SameHistogramsAs(other));
        Assert.False(other.SameHistogramsAs(first));
    }

    [Fact]
    public void SameHistogramsAs_AHistogramMore_IsFalse()
    {
        var first = Samples(null, ("survey", "330502", [3]));
        var more = Samples(null, ("survey", "330502", [3]), ("approval", "330502", [7]));

        Assert.False(first.SameHistogramsAs(more));
        Assert.False(more.SameHistogramsAs(first));
        Assert.True(DwellSamples.Empty.SameHistogramsAs(Samples(null)));
    }
}
