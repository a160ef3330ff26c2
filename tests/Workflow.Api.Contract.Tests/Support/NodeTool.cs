using System.Diagnostics;
using System.Text;

namespace Workflow.Api.Contract.Tests;

/// <summary>Runs a command of tools/node_modules/.bin with node: never a global install or a download at run time.</summary>
public static class NodeTool
{
    public static ProcessStartInfo StartInfo(string tool, string workingDirectory, params string[] arguments)
    {
        var script = Path.Combine(RepositoryFiles.Tools, "node_modules", ".bin", tool);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run 'npm ci --prefix {RepositoryFiles.Tools}' (scripts/test does).");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Neither tool may phone home from CI.
        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        info.Environment["SCARF_ANALYTICS"] = "false";
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    /// <summary>Runs the tool to its end and answers its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string tool, string workingDirectory, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(tool, workingDirectory, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
