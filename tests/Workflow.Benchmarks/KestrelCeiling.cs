using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflow.Benchmarks;

/// <summary>The machine's HTTP ceiling: a trivial Kestrel endpoint in a child process, loaded over loopback by the
/// same HttpClient load generator that drives LandFlow, and by wrk when it is installed (a second opinion that costs
/// the machine less).</summary>
public static partial class KestrelCeiling
{
    /// <summary>The child side: serve <c>GET /</c> → "ok" until killed.</summary>
    public static async Task ServeAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.RunAsync();
    }

    public static async Task<Dictionary<string, double>> MeasureAsync(double seconds, int connections, double latencyRate)
    {
        var port = HttpLoad.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = ChildProcessRun.SelfStartInfo();
        info.ArgumentList.Add("child");
        info.ArgumentList.Add("kestrel-server");
        info.ArgumentList.Add("--url");
        info.ArgumentList.Add(url);
        using var server = Process.Start(info) ?? throw new InvalidOperationException("The trivial server did not start.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = HttpLoad.CreateClient(new Uri(url + "/"), connections);
            await HttpLoad.WaitUntilOkAsync(client, "/", () => server.HasExited, TimeSpan.FromSeconds(30));
            await HttpLoad.ClosedLoopAsync(client, "/", connections, Math.Min(1, seconds / 2));
            var result = new Dictionary<string, double>
            {
                ["httpclient"] = await HttpLoad.ClosedLoopAsync(client, "/", connections, seconds),
            };
            if (await WrkAsync(url + "/", seconds, connections) is { } wrk)
            {
                result["wrk"] = wrk;
            }

            // The same open loop as the status scenario, so its p99 has a floor to be read against.
            var latencies = new LatencyLog();
            var count = Math.Max(1, (int)(latencyRate * seconds));
            await OpenLoop.RunAsync(count, latencyRate, async (_, planned) =>
            {
                using var response = await client.GetAsync("/");
                if (!response.IsSuccessStatusCode)
                {
                    latencies.Fail($"GET / answered {(int)response.StatusCode}");
                    return;
                }

                latencies.Add(planned, Stopwatch.GetTimestamp());
            });
            latencies.ThrowIfFailed("kestrel at a fixed rate");
            result["p50"] = latencies.Percentile(50);
            result["p99"] = latencies.Percentile(99);

            return result;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Requests/s by <c>wrk -t1 -cN</c>, or null when wrk is not installed.</summary>
    public static async Task<double?> WrkAsync(string url, double seconds, int connections)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            return null;
        }

        var info = new ProcessStartInfo("/usr/bin/wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t1", $"-c{connections}", $"-d{Math.Max(1, (int)Math.Round(seconds))}s", url })
        {
            info.ArgumentList.Add(arg);
        }

        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var match = RequestsPerSecond().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
