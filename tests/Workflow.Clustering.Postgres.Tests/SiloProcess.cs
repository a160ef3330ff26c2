using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>A silo running in a child process (see <see cref="Program"/>), which the test can SIGKILL.</summary>
internal sealed partial class SiloProcess : IDisposable
{
    public const string ConnectionVariable = "LANDFLOW_TEST_SILO_CONNECTION";
    public const string ReadyLine = "silo ready";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors = new();

    private SiloProcess(Process process)
    {
        _process = process;
    }

    /// <summary>What the child wrote on stderr, for the message of a failing test.</summary>
    public string Errors => string.Join(Environment.NewLine, _errors);

    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId, int siloPort, int gatewayPort, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("silo");
        start.ArgumentList.Add(clusterId);
        start.ArgumentList.Add(siloPort.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(gatewayPort.ToString(CultureInfo.InvariantCulture));

        // In the environment rather than the arguments, where every user of the machine could read the password.
        start.Environment[ConnectionVariable] = connectionString;

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == ReadyLine)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                silo._errors.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"The silo process exited with {process.ExitCode} before it was ready:{Environment.NewLine}{silo.Errors}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(timeout);
        }
        catch
        {
            silo.Dispose();
            throw;
        }

        return silo;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster, sockets left to the kernel.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGSTOP: the process stays, its sockets stay open and the kernel still accepts connections, but
    /// nothing answers — what the cluster sees of a hung process or a node cut off the network.</summary>
    public void Freeze()
    {
        const int SigStop = 19; // Linux
        if (Kill(_process.Id, SigStop) != 0)
        {
            throw new InvalidOperationException($"kill(SIGSTOP) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to end.
        }

        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>The dotnet host running this test, which `dotnet test` names in DOTNET_HOST_PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
