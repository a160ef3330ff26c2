using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workflow.Benchmarks;

/// <summary>
/// The bytes a deployment's store holds, read from the store's own size counters, so that the bytes written per act
/// can be measured around the acts (issue 13's goal: ≤ 1 KB per act). SQLite: the pages in use of the store's file
/// (<c>page_count − freelist_count</c>, × <c>page_size</c>) over a read-only connection, which sees the WAL's committed
/// pages too; PostgreSQL: <c>pg_total_relation_size</c> (heap, indexes, TOAST) summed over the store's schema.
/// The analytics read model is left out on both (a separate file on SQLite; <c>analytics_*</c> tables written later by
/// the projection runner on PostgreSQL), and so is the cluster membership (its own schema).
/// The growth is what the store keeps per act; a row rewritten in place (the project's state today) adds nothing to it.
/// So beside it, the bytes the store wrote: the embedded process's <c>write_bytes</c> (<c>/proc/PID/io</c>: WAL,
/// checkpoints, the read model) or the PostgreSQL server's WAL (<c>pg_current_wal_lsn</c>, the whole server's).
/// </summary>
public sealed class StoreSize
{
    private const string SqliteFileName = "landflow.db";
    private const string PostgresSchema = "landflow";

    private readonly Func<Task<long>> read;
    private readonly Func<Task<long>>? written;
    private readonly Func<Task<IReadOnlyDictionary<string, long>?>> byRelation;

    private StoreSize(Func<Task<long>> read, string counters, Func<Task<long>>? written, string? writtenCounter,
        Func<Task<IReadOnlyDictionary<string, long>?>> byRelation)
    {
        this.read = read;
        this.written = written;
        this.byRelation = byRelation;
        Counters = counters;
        WrittenCounter = writtenCounter;
    }

    /// <summary>What is counted, for the figure's note.</summary>
    public string Counters { get; }

    /// <summary>What counts the bytes written, for that figure's note; null when nothing can.</summary>
    public string? WrittenCounter { get; }

    /// <summary>The embedded host's store in <paramref name="dataDirectory"/>; its process (for the bytes it writes), if known.</summary>
    public static StoreSize OfSqlite(string dataDirectory, int? processId) =>
        new(() => SqliteBytesAsync(Path.Combine(dataDirectory, SqliteFileName)),
            $"SQLite {SqliteFileName}: (page_count − freelist_count) × page_size over a read-only connection (WAL included)",
            processId is { } pid ? () => Task.FromResult(ProcessWriteBytes(File.ReadLines($"/proc/{pid}/io"))) : null,
            "write_bytes of the embedded process (/proc/PID/io): the WAL, its checkpoints into the database file, the read model",
            // The SQLite bundled with Microsoft.Data.Sqlite has no dbstat, which would give pages by B-tree.
            () => Task.FromResult<IReadOnlyDictionary<string, long>?>(null));

    /// <summary>The store in the PostgreSQL database of <paramref name="connectionString"/>.</summary>
    public static StoreSize OfPostgres(string connectionString) =>
        new(() => PostgresBytesAsync(connectionString),
            $"PostgreSQL: sum of pg_total_relation_size over the tables of schema {PostgresSchema} except analytics_*",
            () => PostgresWalBytesAsync(connectionString),
            "the PostgreSQL server's WAL written (pg_current_wal_lsn), the whole server's: anything else it serves meanwhile counts too",
            async () => await PostgresBytesByRelationAsync(connectionString));

    /// <summary>The store of <paramref name="deployment"/> at <paramref name="store"/> (a data directory or a connection
    /// string); <paramref name="processId"/> is the embedded process's.</summary>
    public static StoreSize Of(Deployment deployment, string store, int? processId) => deployment.OnPostgres ? OfPostgres(store) : OfSqlite(store, processId);

    public Task<long> ReadAsync() => read();

    /// <summary>The bytes written so far by the counter of <see cref="WrittenCounter"/>; null when there is none.</summary>
    public async Task<long?> ReadWrittenAsync() => written is null ? null : await written();

    /// <summary>The same bytes by table and index, where the store can tell (PostgreSQL: each table's heap with its TOAST,
    /// each index on its own): what the growth per act is made of. Null for SQLite.</summary>
    public Task<IReadOnlyDictionary<string, long>?> ReadByRelationAsync() => byRelation();

    /// <summary>Growth per act of each relation between two readings, largest first; relations that did not grow are left out.</summary>
    public static IReadOnlyList<(string Relation, double BytesPerAct)> GrowthPerAct(
        IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, int acts) =>
        acts <= 0
            ? []
            : [.. after.Select(r => (Relation: r.Key, BytesPerAct: (r.Value - before.GetValueOrDefault(r.Key)) / (double)acts))
                .Where(r => r.BytesPerAct > 0)
                .OrderByDescending(r => r.BytesPerAct)
                .ThenBy(r => r.Relation, StringComparer.Ordinal)];

    /// <summary>The <c>write_bytes</c> line of a <c>/proc/PID/io</c> file.</summary>
    public static long ProcessWriteBytes(IEnumerable<string> procIoLines) =>
        procIoLines.Where(line => line.StartsWith("write_bytes:", StringComparison.Ordinal))
            .Select(line => long.Parse(line["write_bytes:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .First();

    /// <summary>Mean bytes per acknowledged act between two readings; NaN when no act was acknowledged.</summary>
    public static double BytesPerAct(long before, long after, int acts) =>
        acts <= 0 ? double.NaN : (after - before) / (double)acts;

    /// <summary>The bytes of the pages in use: what the database holds, not what it has allocated and freed.</summary>
    public static long SqliteBytesInUse(long pageCount, long freelistCount, long pageSize) =>
        (pageCount - freelistCount) * pageSize;

    private static async Task<long> SqliteBytesAsync(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        // One read transaction, so the three counters describe the same snapshot of the database.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var pageCount = await PragmaAsync(connection, transaction, "page_count");
        var freelist = await PragmaAsync(connection, transaction, "freelist_count");
        var pageSize = await PragmaAsync(connection, transaction, "page_size");
        return SqliteBytesInUse(pageCount, freelist, pageSize);
    }

    private static async Task<IReadOnlyDictionary<string, long>> PostgresBytesByRelationAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Each table's heap with its TOAST (pg_table_size), and each of its indexes by name.
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, CASE WHEN c.relkind = 'i' THEN pg_relation_size(c.oid) ELSE pg_table_size(c.oid) END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p', 'm', 'i') AND c.relname NOT LIKE 'analytics\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid WHERE x.indexrelid = c.oid AND t.relname LIKE 'analytics\_%')
            """, connection);
        command.Parameters.AddWithValue("schema", PostgresSchema);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sizes[reader.GetString(0)] = reader.GetInt64(1);
        }

        return sizes;
    }

    private static async Task<long> PragmaAsync(SqliteConnection connection, SqliteTransaction transaction, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA " + pragma;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> PostgresWalBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> PostgresBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p', 'm') AND c.relname NOT LIKE 'analytics\_%'
            """, connection);
        command.Parameters.AddWithValue("schema", PostgresSchema);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
