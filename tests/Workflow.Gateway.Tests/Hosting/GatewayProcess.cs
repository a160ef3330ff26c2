using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflow.Gateway.Tests;

/// <summary>The real embedded host process, started as the README's run command starts it.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private GatewayProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>What the process wrote on stdout and stderr so far, line by line.</summary>
    public IReadOnlyCollection<string> Output => output;

    public static Task<GatewayProcess> StartAsync(string dataDirectory, int httpPort, int siloPort, int gatewayPort) =>
        StartAsync(dataDirectory, httpPort, siloPort, gatewayPort, workingDirectory: null);

    /// <summary>
    /// Starts the gateway in <paramref name="workingDirectory"/> (the test's own when null). A null
    /// <paramref name="dataDirectory"/> passes none, so the gateway takes the one its configuration names.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(
        string? dataDirectory, int httpPort, int siloPort, int gatewayPort, string? workingDirectory, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        info.ArgumentList.Add(GatewayAssembly());
        var settings = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["LandFlow:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["LandFlow:Demo:Enabled"] = "false",
        };
        if (dataDirectory is not null)
        {
            settings["LandFlow:DataDirectory"] = dataDirectory;
        }

        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{httpPort}/"));
        process.OutputDataReceived += (_, e) => gateway.Record(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await gateway.WaitUntilReadyAsync();
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>Waits until the process has written a line that <paramref name="matches"/>, and returns it.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> matches, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (true)
        {
            // Lines arrive on the process's reader thread; look again until one matches or time is up.
            var line = output.FirstOrDefault(matches);
            if (line is not null)
            {
                return line;
            }

            if (expiry.IsCancellationRequested || process.HasExited)
            {
                throw new TimeoutException($"No such line within {timeout}; the process wrote:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    public async Task<HttpClient> ClientForAsync(string user)
    {
        using var response = await Client.PostAsJsonAsync("/api/dev/token", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; only what was durable survives.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops it; waits for the exit and returns its exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await term!.WaitForExitAsync();
        }

        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await Client.GetAsync("/health/ready", timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>The gateway built beside this test project, in the same configuration.</summary>
    private static string GatewayAssembly()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Workflow.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "silo", "Workflow.Embedded", "bin", configuration, testBin.Name, "Workflow.Embedded.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first.", path);
    }
}
