using System.Globalization;

namespace Workflow.Benchmarks;

/// <summary>The real, built gateway (embedded mode: silo on SQLite and HTTP in one process) started the way the
/// README runs it, on a data directory and free ports of its own.</summary>
public sealed class LocalGateway : IRunningDeployment
{
    private readonly LocalProcess process;

    private LocalGateway(LocalProcess process, string dataDirectory)
    {
        this.process = process;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress => process.BaseAddress;

    public string DataDirectory { get; }

    public TimeSpan Startup => process.Startup;

    /// <summary>The embedded process, for its I/O counters (bytes written per act).</summary>
    public int ProcessId => process.ProcessId;

    /// <summary>The embedded host built by <c>dotnet build -c Release silo/Workflow.Embedded</c> (in cluster mode, the development gateway).</summary>
    public static string DefaultAssembly() => LocalProcess.BuiltAssembly(Path.Combine("silo", "Workflow.Embedded"), "Workflow.Embedded");

    public static async Task<LocalGateway> StartAsync(string assembly, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var process = await LocalProcess.StartAsync(assembly, new Dictionary<string, string>
        {
            ["LandFlow:DataDirectory"] = dataDirectory,
            ["LandFlow:Demo:Enabled"] = "false",
            ["LandFlow:SiloPort"] = HttpLoad.FreePort().ToString(CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = HttpLoad.FreePort().ToString(CultureInfo.InvariantCulture),
            [ShutdownScenario.TimeoutSetting] = ShutdownScenario.TimeoutValue,
        }.WithBenchmarkGatewaySettings(), Path.Combine(dataDirectory, "gateway.log"));
        return new LocalGateway(process, dataDirectory);
    }

    /// <summary>The gateway holds the grains in embedded mode.</summary>
    public long GrainHostResidentBytes() => process.ResidentBytes();

    public Task<bool> CollectGarbageAsync() => process.CollectGarbageAsync();

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; true when it exited on its own.</summary>
    public Task<bool> StopAsync(TimeSpan grace) => process.StopAsync(grace);

    public IReadOnlyList<int> SiloProcessIds => [process.ProcessId];

    public int? GatewayProcessId => null;

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
