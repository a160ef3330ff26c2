using BenchmarkDotNet.Running;

namespace Workflow.Benchmarks;

/// <summary>
/// <c>dotnet Workflow.Benchmarks.dll [--smoke] [options]</c> runs every scenario and writes the report;
/// <c>micro [BenchmarkDotNet arguments]</c> runs the domain's micro-benchmarks;
/// <c>child NAME [options]</c> is how the run starts its own isolated measurements.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "micro")
        {
            string[] given = args.Length > 1 ? args[1..] : ["--filter", "*", "--inProcess", "--job", "short"];
            string[] artifacts = given.Contains("--artifacts") ? [] : ["--artifacts", Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts")];
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. given, .. artifacts]);
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }

        if (args.Length > 1 && args[0] == "child")
        {
            return await ChildScenarios.RunAsync(args[1], BenchmarkOptions.Parse(args[2..]).Given);
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        return await new BenchmarkRun(options).RunAsync();
    }
}

/// <summary>The measurements that run in a child process of their own (see <see cref="ChildProcessRun"/>).</summary>
public static class ChildScenarios
{
    public static async Task<int> RunAsync(string name, IReadOnlyDictionary<string, string> args)
    {
        switch (name)
        {
            case "kestrel-server":
                await KestrelCeiling.ServeAsync(ChildProcessRun.Arg(args, "url"));
                return 0;
            case "sqlite-ceiling":
                ChildProcessRun.PrintResult(await SqliteCommitCeiling.RunAsync(ChildProcessRun.DoubleArg(args, "seconds"), ChildProcessRun.IntArg(args, "batch")));
                return 0;
            case "postgres-ceiling":
                ChildProcessRun.PrintResult(await PostgresCommitCeiling.RunAsync(ChildProcessRun.Arg(args, "postgres"), ChildProcessRun.DoubleArg(args, "seconds"), ChildProcessRun.IntArg(args, "batch")));
                return 0;
            case "orleans-ceiling":
                ChildProcessRun.PrintResult(await OrleansCallCeiling.RunAsync(ChildProcessRun.DoubleArg(args, "seconds"), ChildProcessRun.IntArg(args, "callers")));
                return 0;
            case "workflowcore":
                ChildProcessRun.PrintResult(await WorkflowCorePeer.RunAsync(ChildProcessRun.IntArg(args, "workflows"), ChildProcessRun.IntArg(args, "concurrency"), ChildProcessRun.DoubleArg(args, "poll-ms")));
                return 0;
            case "analytics":
                ChildProcessRun.PrintResult(await AnalyticsScenario.RunAsync(
                    ChildProcessRun.IntArg(args, "projects"), ChildProcessRun.IntArg(args, "calls"), ChildProcessRun.IntArg(args, "rate"), ChildProcessRun.DoubleArg(args, "seconds")));
                return 0;
            case "durabletask":
                ChildProcessRun.PrintResult(await DurableTaskPeer.RunAsync(ChildProcessRun.IntArg(args, "orchestrations")));
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown child scenario '{name}'.");
                return 2;
        }
    }
}
