using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

public sealed class DwellSampleCacheTests
{
    /// <summary>Hands out the histograms it is set to, as a new instance each read (as a read-model query does).</summary>
    private sealed class CountingSource : IDwellSampleSource
    {
        public int[] SurveyDays { get; set; } = [3, 5];

        public int Reads { get; private set; }

        public Task<DwellSamples> LoadAsync(CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult(new DwellSamples(
                [KeyValuePair.Create(new DwellKey("LAL_2020", "survey", "330502"), DwellHistogram.Of(SurveyDays))],
                DateTimeOffset.UnixEpoch.AddSeconds(Reads)));
        }
    }

    private static (DwellSampleCache Cache, CountingSource Source, FakeTimeProvider Time) Cache()
    {
        var source = new CountingSource();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var cache = new DwellSampleCache(source, time, Options.Create(new ForecastOptions { RefreshSeconds = 60 }), NullLogger<DwellSampleCache>.Instance);
        return (cache, source, time);
    }

    [Fact]
    public async Task GetAsync_UnchangedHistogramsReadAgain_KeepsTheInstanceForecastsWereMadeFrom()
    {
        var (cache, source, time) = Cache();
        var first = await cache.GetAsync();

        time.Advance(TimeSpan.FromSeconds(61));
        var again = await cache.GetAsync();

        Assert.Equal(2, source.Reads);
        Assert.Same(first, again);
        // When the histograms in use were first read, not the empty set the cache starts with.
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), again.AsOf);
    }

    [Fact]
    public async Task GetAsync_HistogramsChanged_HandsOutTheNewOnes()
    {
        var (cache, source, time) = Cache();
        var first = await cache.GetAsync();

        source.SurveyDays = [3, 5, 8];
        time.Advance(TimeSpan.FromSeconds(61));
        var changed = await cache.GetAsync();

        Assert.NotSame(first, changed);
        Assert.Equal(3, changed.InCounty("LAL_2020", "survey", "330502")!.Total);
    }
}
