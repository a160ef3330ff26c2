using System.ComponentModel;
using System.Diagnostics;

namespace Workflow.K8s.Tests;

/// <summary>Runs a program to completion, capturing what it prints; a program that cannot be started is a test failure.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string program, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Cannot run `{program}` ({ex.Message}). The manifest schema check needs Node.js 20 or later on PATH.", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"`{program}` did not finish within {timeout}.");
            }

            return new ProcessResult(process.ExitCode, await output, await error);
        }
    }
}
