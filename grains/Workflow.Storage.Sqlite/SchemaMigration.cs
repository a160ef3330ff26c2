using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>One step of the schema's history; applied once, in <see cref="Version"/> order. <see cref="Backfill"/>,
/// when set, runs after the script in the same transaction, for data SQL alone cannot compute (hashes).</summary>
internal sealed record SchemaMigration(
    int Version, string Description, string Script, Action<SqliteConnection, SqliteTransaction, Action<string>?>? Backfill = null);
