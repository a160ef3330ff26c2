using System.Globalization;
using Npgsql;

namespace Workflow.Benchmarks;

/// <summary>CPU seconds a process has used so far (user + system, from <c>/proc/&lt;pid&gt;/stat</c>), readable for
/// any user's process, so PostgreSQL's backends too; null once the process is gone.</summary>
public static class ProcessCpu
{
    // /proc reports times in USER_HZ, which is 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name in parentheses (which may hold spaces): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static double Sum(IEnumerable<int> pids) => pids.Sum(pid => Seconds(pid) ?? 0);
}

/// <summary>CPU seconds of a deployment's processes at one moment: its silos, its gateway (none in embedded mode),
/// and each PostgreSQL backend connected to its database.</summary>
public sealed record CpuSample(double Silos, double Gateway, IReadOnlyDictionary<int, double> Backends)
{
    /// <summary>The backends' CPU between two samples: a backend that is new counts from zero (it started in between);
    /// one that ended in between is lost (the pools keep their connections, so this is rare).</summary>
    public double BackendsSince(CpuSample before) =>
        Backends.Sum(b => b.Value - before.Backends.GetValueOrDefault(b.Key));
}

/// <summary>The database's own counters: transactions committed in it, the server's WAL position and WAL flushes
/// (both server-wide), its size on disk, and transactions committed in every other database (which also write WAL).</summary>
public sealed record DatabaseCounters(long Commits, long OtherCommits, long WalBytes, long WalSyncs, long SizeBytes)
{
    public static async Task<DatabaseCounters> ReadAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                   (SELECT coalesce(sum(xact_commit), 0)::bigint FROM pg_stat_database WHERE datname IS DISTINCT FROM current_database()),
                   pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint,
                   (SELECT wal_sync FROM pg_stat_wal),
                   pg_database_size(current_database())
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>The server processes serving this database's connections, but not the one asking.</summary>
    public static async Task<IReadOnlyList<int>> BackendsAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var pids = new List<int>();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    // Unpooled: a pooled probe connection would stay behind as one more backend of the database.
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

/// <summary>One end of a measured window.</summary>
public sealed record CapacityMark(CpuSample Cpu, DatabaseCounters? Database);

/// <summary>
/// The figures the capacity model (<see cref="CapacityModel"/>, docs/capacity.md) needs, measured around the
/// benchmark's own scenarios on one deployment: CPU time per act, per status read and per list page, of the silos,
/// the gateway and PostgreSQL's backends; and per act on PostgreSQL the transactions, WAL bytes, WAL flushes and
/// database growth. Each is a difference of counters over the scenario's window divided by the requests answered.
/// </summary>
public sealed class CapacityProbe(IRunningDeployment deployment, string? database, Func<string, string, string, string?, Figure> figure)
{
    /// <summary>PostgreSQL 15 backends publish their statistics at most once a second while busy and within 10 s of
    /// going idle; reading <c>pg_stat_database</c> sooner would miss the window's last commits, or count the previous ones.</summary>
    private static readonly TimeSpan StatisticsSettle = TimeSpan.FromSeconds(11);

    private const string CpuNote = "user+system CPU time (/proc/<pid>/stat)";

    /// <summary>Resident memory of a silo holding no project (after a full collection): the base each silo costs.</summary>
    public void RecordIdleMemory(long residentBytes) =>
        figure("capacity.silo.idle.memory", "Resident memory of a silo holding no project", "MiB",
                "the silos' VmRSS after a restart and a full GC, before any project is read, ÷ silos").Add(residentBytes / 1048576.0 / deployment.SiloProcessIds.Count);

    /// <summary>The start of a window; with the database's counters (which first waits for its statistics to settle).</summary>
    public async Task<CapacityMark> StartAsync(bool withDatabase)
    {
        var counters = withDatabase && database is not null ? await SettledCountersAsync() : null;
        return new CapacityMark(await CpuAsync(), counters);
    }

    /// <summary>Acts acknowledged since <paramref name="start"/>: CPU per act, and on PostgreSQL what the database did per act.</summary>
    public async Task ActsAsync(CapacityMark start, int acts, string window)
    {
        var cpu = await CpuAsync();
        var counters = database is not null ? await SettledCountersAsync() : null;
        RecordCpu("act", "an act", cpu, start.Cpu, acts, window);
        if (counters is null || start.Database is not { } before)
        {
            return;
        }

        var others = counters.OtherCommits - before.OtherCommits;
        var shared = $"server-wide: other databases committed {others:N0} transactions in the same window, and they write WAL too";
        figure("capacity.transactions.per.act", "Transactions committed in the database per act", "transactions",
                $"pg_stat_database.xact_commit of the deployment's database over {window}, read-only ones included (activation loads, the deadline and read-model polls), ÷ acts").Add((double)(counters.Commits - before.Commits) / acts);
        figure("capacity.wal.bytes.per.act", "WAL written per act", "bytes", $"pg_current_wal_lsn() difference over {window} ÷ acts; {shared}")
            .Add((double)(counters.WalBytes - before.WalBytes) / acts);
        figure("capacity.wal.syncs.per.act", "WAL flushes (fsync) per act", "flushes", $"pg_stat_wal.wal_sync difference over {window} ÷ acts: 1 ÷ this is the acts one disk flush carries; {shared}")
            .Add((double)(counters.WalSyncs - before.WalSyncs) / acts);
        figure("capacity.db.bytes.per.act", "Database growth per act", "bytes", $"pg_database_size() difference over {window} (tables, indexes, read models, not yet vacuumed rows) ÷ acts")
            .Add((double)(counters.SizeBytes - before.SizeBytes) / acts);
    }

    /// <summary>Requests of one kind (<c>read</c>: a project's status; <c>list</c>: a filtered page) answered since <paramref name="start"/>.</summary>
    public async Task RequestsAsync(CapacityMark start, string kind, string what, int requests, string window) =>
        RecordCpu(kind, what, await CpuAsync(), start.Cpu, requests, window);

    private void RecordCpu(string kind, string what, CpuSample end, CpuSample start, int count, string window)
    {
        var silos = end.Silos - start.Silos;
        var gateway = end.Gateway - start.Gateway;
        var processes = deployment.GatewayProcessId is null ? "the embedded process" : "the silos and the gateway";
        figure($"capacity.cpu.per.{kind}", $"CPU time per {kind}, LandFlow's processes", "ms",
            $"{CpuNote} of {processes} over {window} ÷ {count:N0} answered").Add((silos + gateway) * 1000 / count);
        if (deployment.GatewayProcessId is not null)
        {
            figure($"capacity.cpu.per.{kind}.silos", $"CPU time per {kind}, silos", "ms", $"{CpuNote} of the silos over {window} ÷ {count:N0}").Add(silos * 1000 / count);
            figure($"capacity.cpu.per.{kind}.gateway", $"CPU time per {kind}, gateway", "ms", $"{CpuNote} of the gateway over {window} ÷ {count:N0}").Add(gateway * 1000 / count);
        }

        if (database is not null)
        {
            figure($"capacity.cpu.per.{kind}.postgres", $"CPU time per {kind}, PostgreSQL", "ms",
                $"{CpuNote} of the PostgreSQL backends connected to the deployment's database over {window} ÷ {count:N0} (the WAL writer and checkpointer, shared by the server, not counted)").Add(end.BackendsSince(start) * 1000 / count);
        }
    }

    private async Task<CpuSample> CpuAsync()
    {
        var backends = database is null ? [] : await DatabaseCounters.BackendsAsync(database);
        return new CpuSample(
            ProcessCpu.Sum(deployment.SiloProcessIds),
            deployment.GatewayProcessId is { } gateway ? ProcessCpu.Seconds(gateway) ?? 0 : 0,
            backends.ToDictionary(pid => pid, pid => ProcessCpu.Seconds(pid) ?? 0));
    }

    private async Task<DatabaseCounters> SettledCountersAsync()
    {
        await Task.Delay(StatisticsSettle);
        return await DatabaseCounters.ReadAsync(database!);
    }
}
