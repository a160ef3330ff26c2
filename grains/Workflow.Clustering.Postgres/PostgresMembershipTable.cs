using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres;

/// <summary>
/// Orleans' membership table over PostgreSQL, in LandFlow's own schema: one version row per cluster id and one
/// row per silo incarnation. Every conditional write is a single statement checked against the version etag,
/// so a lost race is a <c>false</c>, never an exception.
/// </summary>
public sealed partial class PostgresMembershipTable : IMembershipTable, IAsyncDisposable, IDisposable
{
    private readonly PostgresClusteringOptions _options;
    private readonly string _clusterId;
    private readonly ILogger<PostgresMembershipTable> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly MembershipStatements _sql;

    public PostgresMembershipTable(
        IOptions<PostgresClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        ILogger<PostgresMembershipTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _options.Validate();
        _clusterId = clusterOptions.Value.ClusterId
            ?? throw new ArgumentException("ClusterOptions.ClusterId is required.", nameof(clusterOptions));
        _logger = logger;
        // Named for Npgsql's traces and metrics (db.client.connection.pool.name).
        _dataSource = new NpgsqlDataSourceBuilder(_options.ConnectionString) { Name = "landflow-membership" }.Build();
        _sql = new MembershipStatements(_options.Schema);
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) =>
        InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    /// <summary>Applies the schema migration, then (when asked) creates this cluster's version row at version 0.</summary>
    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        var version = string.IsNullOrWhiteSpace(_options.MigrationConnectionString)
            ? await MembershipSchema.ApplyAsync(_dataSource, _options.Schema, cancellationToken).ConfigureAwait(false)
            : await PostgresMembershipMigrator.ApplyAsync(
                _options.MigrationConnectionString, _options.Schema, new NpgsqlConnectionStringBuilder(_options.ConnectionString).Username,
                cancellationToken).ConfigureAwait(false);
        LogSchemaReady(_logger, _options.Schema, version);
        if (tryInitTableVersion)
        {
            await using var command = _dataSource.CreateCommand(_sql.InitializeCluster);
            MembershipRows.AddClusterId(command, _clusterId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task DeleteMembershipTableEntries(string clusterId) =>
        DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    /// <summary>Deletes the cluster's version row; its silo rows go with it (ON DELETE CASCADE).</summary>
    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        await using var command = _dataSource.CreateCommand(_sql.DeleteCluster);
        MembershipRows.AddClusterId(command, clusterId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) =>
        CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.CleanupDefunct);
        MembershipRows.AddClusterId(command, _clusterId);
        MembershipRows.AddTimestamp(command, "before", beforeDate.UtcDateTime);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        LogDefunctRemoved(_logger, removed, _clusterId, beforeDate);
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var command = _dataSource.CreateCommand(_sql.ReadRow);
        MembershipRows.AddClusterId(command, _clusterId);
        MembershipRows.AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await MembershipRows.ReadTableAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.ReadAll);
        MembershipRows.AddClusterId(command, _clusterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await MembershipRows.ReadTableAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!MembershipRows.TryParseEtag(tableVersion.VersionEtag, out var versionEtag))
        {
            return false;
        }

        await using var command = _dataSource.CreateCommand(_sql.InsertRow);
        AddVersion(command, tableVersion, versionEtag);
        MembershipRows.AddKey(command, entry.SiloAddress);
        MembershipRows.AddEntry(command, entry);
        return await ExecuteConditionalWriteAsync(command, "insert", entry.SiloAddress, tableVersion, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tableVersion);
        if (!MembershipRows.TryParseEtag(tableVersion.VersionEtag, out var versionEtag)
            || !MembershipRows.TryParseEtag(etag, out var rowEtag))
        {
            return false;
        }

        await using var command = _dataSource.CreateCommand(_sql.UpdateRow);
        AddVersion(command, tableVersion, versionEtag);
        MembershipRows.AddKey(command, entry.SiloAddress);
        MembershipRows.AddEtag(command, "etag", rowEtag);
        MembershipRows.AddEntry(command, entry);
        return await ExecuteConditionalWriteAsync(command, "update", entry.SiloAddress, tableVersion, cancellationToken).ConfigureAwait(false);
    }

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _dataSource.CreateCommand(_sql.UpdateIAmAlive);
        MembershipRows.AddClusterId(command, _clusterId);
        MembershipRows.AddKey(command, entry.SiloAddress);
        MembershipRows.AddTimestamp(command, "i_am_alive_at", entry.IAmAliveTime);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    private void AddVersion(NpgsqlCommand command, TableVersion tableVersion, long versionEtag)
    {
        MembershipRows.AddClusterId(command, _clusterId);
        MembershipRows.AddEtag(command, "version_etag", versionEtag);
        command.Parameters.Add(new NpgsqlParameter<int>("version", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = tableVersion.Version });
    }

    private async Task<bool> ExecuteConditionalWriteAsync(
        NpgsqlCommand command, string operation, SiloAddress silo, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        try
        {
            var written = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
            if (!written)
            {
                LogConditionalWriteRefused(_logger, operation, silo, tableVersion);
            }

            return written;
        }
        catch (PostgresException exception) when (IsLostRace(exception))
        {
            // The statements are written not to need this (duplicates are skipped, writers queue on the version
            // row), but should PostgreSQL still refuse one, it refused the whole statement: nothing was written.
            LogConditionalWriteRefused(_logger, operation, silo, tableVersion);
            return false;
        }
    }

    private static bool IsLostRace(PostgresException exception) => exception.SqlState is
        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership schema '{Schema}' is at version {Version}.")]
    private static partial void LogSchemaReady(ILogger logger, string schema, int version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership {Operation} of {Silo} with table version {TableVersion} refused: the version or the row changed.")]
    private static partial void LogConditionalWriteRefused(ILogger logger, string operation, SiloAddress silo, TableVersion tableVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct silo entries of cluster {ClusterId} last updated before {BeforeDate}.")]
    private static partial void LogDefunctRemoved(ILogger logger, int count, string clusterId, DateTimeOffset beforeDate);
}
