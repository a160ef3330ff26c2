using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflow.Cluster.Tests;

/// <summary>
/// The local cluster of scripts/cluster-up: PostgreSQL, three silo processes and a cluster-mode gateway, on free
/// loopback ports, in a run directory of its own. The test drives the same scripts the README documents, so they
/// are tested too; silos are killed with SIGKILL by their pid files and restarted with scripts/cluster-restart-silo.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public const int Silos = 3;

    private readonly Dictionary<string, string> _environment;
    private bool _down;

    private LocalCluster(string root, string runDirectory, string clusterId, int[] siloPorts, int httpPort, Dictionary<string, string> environment)
    {
        Root = root;
        RunDirectory = runDirectory;
        ClusterId = clusterId;
        SiloPorts = siloPorts;
        Gateway = new Uri($"http://127.0.0.1:{httpPort}/");
        _environment = environment;
    }

    public string Root { get; }

    public string RunDirectory { get; }

    public string ClusterId { get; }

    /// <summary>Silo-to-silo ports, silo 1 first.</summary>
    public IReadOnlyList<int> SiloPorts { get; }

    public Uri Gateway { get; }

    /// <summary>Runs scripts/cluster-up against <paramref name="postgres"/> with the Release build as it is.</summary>
    public static async Task<LocalCluster> UpAsync(string postgres, Action<string> log)
    {
        var root = RepositoryRoot();
        // Logs and pid files; kept when a run fails (its path is in the test output), removed when it passes.
        var runDirectory = Directory.CreateTempSubdirectory("landflow-cluster-").FullName;
        var ports = FreePorts(3 * Silos + 1);
        var clusterId = "fault-" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string>
        {
            ["LANDFLOW_CLUSTER_DIR"] = runDirectory,
            ["LANDFLOW_CLUSTER_ID"] = clusterId,
            ["LANDFLOW_CLUSTER_POSTGRES"] = postgres,
            ["LANDFLOW_CLUSTER_SILO_PORTS"] = Join(ports[..Silos]),
            ["LANDFLOW_CLUSTER_SILO_GATEWAY_PORTS"] = Join(ports[Silos..(2 * Silos)]),
            ["LANDFLOW_CLUSTER_SILO_HTTP_PORTS"] = Join(ports[(2 * Silos)..(3 * Silos)]),
            ["LANDFLOW_CLUSTER_HTTP_PORT"] = ports[^1].ToString(CultureInfo.InvariantCulture),
            ["LANDFLOW_CLUSTER_NO_BUILD"] = "1",
            // The load acts thousands of times a second as a handful of demo users, with tokens taken once:
            // no rate limits, and tokens that outlast the run (the longest the gateway allows).
            ["LANDFLOW_CLUSTER_RATE_LIMITS"] = "false",
            ["LANDFLOW_CLUSTER_TOKEN_LIFETIME"] = "01:00:00",
        };
        var cluster = new LocalCluster(root, runDirectory, clusterId, ports[..Silos], ports[^1], environment);
        try
        {
            log(await cluster.RunScriptAsync("cluster-up"));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>SIGKILL: the silo vanishes with its sockets, its grains and whatever it had in flight.</summary>
    public void Kill(int silo)
    {
        using var process = Process.GetProcessById(Pid(silo));
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>scripts/cluster-restart-silo: SIGTERM, wait until it has left, start it again, wait until ready.</summary>
    public Task<string> RestartGracefullyAsync(int silo) => RunScriptAsync("cluster-restart-silo", silo.ToString(CultureInfo.InvariantCulture));

    /// <summary>scripts/cluster-restart-silo --kill: starts a silo that <see cref="Kill"/> ended, and waits until it is ready.</summary>
    public Task<string> RestartKilledAsync(int silo) => RunScriptAsync("cluster-restart-silo", "--kill", silo.ToString(CultureInfo.InvariantCulture));

    /// <summary>Lines of the gateway's log, for what it says it repeated.</summary>
    public string[] GatewayLog() => File.ReadAllLines(Path.Combine(RunDirectory, "gateway.log"));

    public string SiloLog(int silo) => File.ReadAllText(Path.Combine(RunDirectory, $"silo-{silo}.log"));

    public async Task<string> DownAsync()
    {
        _down = true;
        return await RunScriptAsync("cluster-down");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_down)
        {
            try
            {
                await DownAsync();
            }
            catch (InvalidOperationException)
            {
                // Whatever cluster-down could not stop is ended below.
            }
        }

        foreach (var file in Directory.GetFiles(RunDirectory, "*.pid"))
        {
            if (int.TryParse(await File.ReadAllTextAsync(file), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }
    }

    private int Pid(int silo) =>
        int.Parse(File.ReadAllText(Path.Combine(RunDirectory, $"silo-{silo}.pid")).Trim(), CultureInfo.InvariantCulture);

    private async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Root, "scripts", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        output.Append(await stderr).Append(await stdout);
        return process.ExitCode == 0
            ? output.ToString()
            : throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{output}");
    }

    private static int[] FreePorts(int count)
    {
        // All held open at once, so no two of them are the same port.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static string Join(IEnumerable<int> ports) => string.Join(' ', ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Workflow.sln) is not above the test's directory.");
    }
}
