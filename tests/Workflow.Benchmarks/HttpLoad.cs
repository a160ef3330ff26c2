using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflow.Benchmarks;

/// <summary>The load generator's HTTP side: one pooled handler with many connections, and a closed-loop
/// driver (each worker sends its next request when the last one answered).</summary>
public static class HttpLoad
{
    public static HttpClient CreateClient(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Requests per second that <paramref name="workers"/> closed-loop workers get answered with 2xx.</summary>
    public static async Task<double> ClosedLoopAsync(HttpClient client, string path, int workers, double seconds, LatencyLog? latencies = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            long n = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                if (!response.IsSuccessStatusCode)
                {
                    latencies?.Fail($"GET {path} answered {(int)response.StatusCode}");
                    continue;
                }

                latencies?.Add(sent, Stopwatch.GetTimestamp());
                n++;
            }

            return n;
        }));
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 2xx; throws when the process died or time ran out.</summary>
    public static async Task WaitUntilOkAsync(HttpClient client, string path, Func<bool> exited, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (exited())
            {
                throw new InvalidOperationException("The server exited before it was ready.");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{client.BaseAddress}{path} was not ready within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(20);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
