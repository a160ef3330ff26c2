using System.Collections.Concurrent;
using System.Diagnostics;

namespace Workflow.Gateway.Tests;

/// <summary>The cluster gateway (client/Workflow.Gateway) started as its container image starts it: <c>dotnet
/// Workflow.Gateway.dll</c> with nothing but the settings a test gives.</summary>
public sealed class ClusterGatewayProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ClusterGatewayProcess(Process process) => this.process = process;

    public string Output => string.Join(Environment.NewLine, output);

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static ClusterGatewayProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.CreateTempSubdirectory("landflow-cluster-gateway-").FullName,
        };
        info.ArgumentList.Add(AssemblyPath());

        // Nothing of the test runner's own environment that LandFlow or ASP.NET Core reads.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("LandFlow__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var gateway = new ClusterGatewayProcess(process);
        process.OutputDataReceived += (_, e) => gateway.Record(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>Waits for the process to end by itself; false if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(expiry.Token);

            // The exit can come before the last lines are read.
            process.WaitForExit();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until <c>/health/live</c> answers on <paramref name="baseAddress"/>.</summary>
    public async Task WaitUntilLiveAsync(HttpClient client, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The cluster gateway exited with code {process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health/live", expiry.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, expiry.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
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

    /// <summary>The cluster gateway built beside this test project, in the same configuration.</summary>
    public static string AssemblyPath() => Path.Combine(BuildOutput(), "Workflow.Gateway.dll");

    /// <summary>The cluster gateway's build output folder (where its <c>deps.json</c> is).</summary>
    public static string BuildOutput()
    {
        var path = Path.Combine(RepositoryRoot(), "client", "Workflow.Gateway", "bin", Configuration(), new DirectoryInfo(AppContext.BaseDirectory).Name);
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"Build the solution first: {path}");
    }

    /// <summary>The cluster gateway's project file.</summary>
    public static string ProjectPath() => Path.Combine(RepositoryRoot(), "client", "Workflow.Gateway", "Workflow.Gateway.csproj");

    /// <summary>The configuration this test project was built in (and so the gateway beside it).</summary>
    public static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Workflow.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new DirectoryNotFoundException("No Workflow.sln above the test's directory.");
    }
}
