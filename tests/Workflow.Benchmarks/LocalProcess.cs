using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace Workflow.Benchmarks;

/// <summary>A built LandFlow process (<c>dotnet X.dll --key=value ...</c>) on a free HTTP port of its own, ready once
/// its <c>/health/ready</c> answers 200; its output goes to a log file.</summary>
public sealed class LocalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ProcessLog log;

    private LocalProcess(Process process, Uri baseAddress, ProcessLog log, TimeSpan startup)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
        Startup = startup;
    }

    public Uri BaseAddress { get; }

    /// <summary>From starting the process to the first 200 of <c>/health/ready</c>.</summary>
    public TimeSpan Startup { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Where the built project's assembly is: <c>{solution}/{project}/bin/Release/net10.0/{name}.dll</c>.</summary>
    public static string BuiltAssembly(string project, string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new FileNotFoundException($"Workflow.sln is not above the benchmark's directory; cannot find {name}.dll.");
        }

        return Path.Combine(directory.FullName, project, "bin", "Release", "net10.0", name + ".dll");
    }

    public static async Task<LocalProcess> StartAsync(string assembly, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Build it first: dotnet build -c Release ({assembly})", assembly);
        }

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
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var log = new ProcessLog(logPath);
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

        return new LocalProcess(process, baseAddress, log, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Resident memory of the process (VmRSS), in bytes.</summary>
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

    /// <summary>Asks the process's runtime for a full blocking collection (as dotnet-gcdump does, through EventPipe's
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

    /// <summary>SIGTERM, as an orchestrator stops it (a silo hands its grains off and leaves the cluster), then
    /// SIGKILL if it has not exited within <paramref name="grace"/>. True when it exited on its own.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        var exitedOnItsOwn = true;
        if (!process.HasExited)
        {
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
            {
                await term!.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                exitedOnItsOwn = false;
                process.Kill(entireProcessTree: true);
            }
        }

        await DisposeAsync();
        return exitedOnItsOwn;
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
