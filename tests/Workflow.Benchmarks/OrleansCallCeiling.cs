using System.Diagnostics;

namespace Workflow.Benchmarks;

/// <summary>A grain method that does nothing, as the ceiling of any grain call on this machine.</summary>
public interface INoOpGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}

public sealed class NoOpGrain : Grain, INoOpGrain
{
    public Task PingAsync() => Task.CompletedTask;
}

/// <summary>Calls/s of <see cref="INoOpGrain.PingAsync"/> over 1,000 activations from the silo's own grain factory
/// (as LandFlow's embedded gateway calls its grains), with a fixed number of concurrent callers.</summary>
public static class OrleansCallCeiling
{
    public static async Task<Dictionary<string, double>> RunAsync(double seconds, int callers)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(HttpLoad.FreePort(), HttpLoad.FreePort()));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => grains.GetGrain<INoOpGrain>(i).PingAsync()));
            await CallAsync(grains, Math.Min(1, seconds / 2), callers);
            return new Dictionary<string, double> { ["calls"] = await CallAsync(grains, seconds, callers) };
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<double> CallAsync(IGrainFactory grains, double seconds, int callers)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            await Task.Yield();
            long n = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                await grains.GetGrain<INoOpGrain>((c * 7919 + n) % 1_000).PingAsync();
                n++;
            }

            return n;
        }));
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
