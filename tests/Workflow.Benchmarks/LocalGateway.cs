using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace Workflow.Benchmarks;

/// <summary>The real, built gateway (embedded mode: silo on SQLite and HTTP in one process) started the way the
/// README runs it, on a data directory and free ports of its own.</summary>
public sealed class LocalGateway : IAsyncDisposable
{
    private readonly Process process;
    private readonly ProcessLog log;

    private LocalGateway(Process process, Uri baseAddress, string dataDirectory, ProcessLog log, TimeSpan startup)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        Startup = startup;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>From starting the process to the first 200 of <c>/health/ready</c>.</summary>
    public TimeSpan Startup { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The gateway assembly built by <c>dotnet build -c Release client/Workflow.Gateway</c>.</summary>
    public static string DefaultAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new FileNotFoundException("Workflow.sln is not above the benchmark's directory; give --gateway PATH.");
        }

        return Path.Combine(directory.FullName, "client", "Workflow.Gateway", "bin", "Release", "net10.0", "Workflow.Gateway.dll");
    }

    public static async Task<LocalGateway> StartAsync(string assembly, string dataDirectory)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException("Build the gateway first: dotnet build -c Release client/Workflow.Gateway", assembly);
        }

        Directory.CreateDirectory(dataDirectory);
        var port = HttpLoad.FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            // Its own directory, as a deployment runs it: the content root, where appsettings.json (log levels) is read.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(assembly))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["LandFlow:DataDirectory"] = dataDirectory,
            ["LandFlow:Demo:Enabled"] = "false",
            ["LandFlow:SiloPort"] = HttpLoad.FreePort().ToString(CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = HttpLoad.FreePort().ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var log = new ProcessLog(Path.Combine(dataDirectory, "gateway.log"));
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using (var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) })
        {
            try
            {
                await HttpLoad.WaitUntilOkAsync(probe, "/health/ready", () => process.HasExited, TimeSpan.FromSeconds(120));
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                log.Close();
                throw;
            }
        }

        return new LocalGateway(process, baseAddress, dataDirectory, log, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Resident memory of the gateway process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("No VmRSS in /proc status.");
    }

    /// <summary>Asks the gateway's runtime for a full blocking collection (as dotnet-gcdump does, through EventPipe's
    /// GCHeapCollect keyword), so resident memory is read with garbage gone. False when the runtime did not listen.</summary>
    public async Task<bool> CollectGarbageAsync()
    {
        try
        {
            var client = new DiagnosticsClient(process.Id);
            const long gcHeapCollect = 0x800000;
            using var session = client.StartEventPipeSession(
                [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, gcHeapCollect)],
                requestRundown: false);
            var drain = Task.Run(() => session.EventStream.CopyTo(Stream.Null));
            await Task.Delay(TimeSpan.FromSeconds(3));
            await session.StopAsync(CancellationToken.None);
            await drain.WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
        {
            return false;
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
        log.Close();
    }
}
