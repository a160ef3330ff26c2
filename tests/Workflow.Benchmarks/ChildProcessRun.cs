using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Workflow.Benchmarks;

/// <summary>Runs one in-process measurement (a peer, a ceiling) in a fresh child process of this program, so
/// thread pools, GC heaps and environment (such as DOTNET_PROCESSOR_COUNT) are its own. The child prints its
/// results as one line <c>RESULT {json}</c>.</summary>
public static class ChildProcessRun
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<Dictionary<string, double>> RunAsync(
        string scenario,
        IReadOnlyDictionary<string, string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = SelfStartInfo();
        info.ArgumentList.Add("child");
        info.ArgumentList.Add(scenario);
        foreach (var (key, value) in arguments)
        {
            info.ArgumentList.Add("--" + key);
            info.ArgumentList.Add(value);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The child did not start.");
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{scenario} did not finish within {(timeout ?? TimeSpan.FromMinutes(5)).TotalSeconds:F0} s.");
        }

        process.WaitForExit();
        string text;
        lock (output)
        {
            text = output.ToString();
        }

        var line = text.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            string tail;
            lock (errors)
            {
                tail = Tail(errors.ToString() + text, 1_500);
            }

            throw new InvalidOperationException($"{scenario} exited with code {process.ExitCode}: {tail}");
        }

        return JsonSerializer.Deserialize<Dictionary<string, double>>(line[ResultPrefix.Length..])
            ?? throw new InvalidOperationException($"{scenario} printed no result.");
    }

    /// <summary>The command that starts this program again: <c>dotnet Workflow.Benchmarks.dll</c>.</summary>
    public static ProcessStartInfo SelfStartInfo()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workflow.Benchmarks.dll"));
        return info;
    }

    public static void PrintResult(IReadOnlyDictionary<string, double> result) =>
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));

    public static string Arg(IReadOnlyDictionary<string, string> args, string key) =>
        args.TryGetValue(key, out var value) ? value : throw new ArgumentException($"The child needs --{key}.");

    public static int IntArg(IReadOnlyDictionary<string, string> args, string key) =>
        int.Parse(Arg(args, key), CultureInfo.InvariantCulture);

    public static double DoubleArg(IReadOnlyDictionary<string, string> args, string key) =>
        double.Parse(Arg(args, key), CultureInfo.InvariantCulture);

    private static string Tail(string text, int characters) => text.Length <= characters ? text : "..." + text[^characters..];
}
