using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Workflow.Benchmarks;

/// <summary>The machine a run measured: cores, memory, CPU, OS, runtime, and the load average around the run
/// (other work on the same cores shows there).</summary>
public sealed record MachineInfo(int Cores, long MemoryBytes, string Cpu, string Os, string Runtime, string LoadAverage)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        MemTotal(),
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown",
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        LoadAverageNow());

    public static string LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static long MemTotal()
    {
        if (!File.Exists("/proc/meminfo"))
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        }

        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>The commit a run measured, and whether the work tree had changes on top of it.</summary>
public sealed record CommitInfo(string Commit, bool Dirty)
{
    public static CommitInfo Read(string repository)
    {
        var commit = Git(repository, "rev-parse --short HEAD")?.Trim();
        var status = Git(repository, "status --porcelain --untracked-files=no");
        return new CommitInfo(string.IsNullOrEmpty(commit) ? "unknown" : commit, !string.IsNullOrWhiteSpace(status));
    }

    private static string? Git(string repository, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", arguments) { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var git = Process.Start(info);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>The repository root: the first directory above this program that holds Workflow.sln.</summary>
public static class Repository
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>The wall-clock date of the report. The benchmark is not product code: it may read the clock to stamp its report.</summary>
    public static DateTimeOffset ReportDate()
    {
#pragma warning disable RS0030 // A report's timestamp, not workflow time.
        return DateTimeOffset.UtcNow;
#pragma warning restore RS0030
    }
}
