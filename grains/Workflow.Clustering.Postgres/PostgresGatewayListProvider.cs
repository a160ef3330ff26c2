using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres;

/// <summary>
/// Tells Orleans clients which silos take their connections: the Active silos of the cluster that opened a
/// gateway (proxy) port. The client asks again every <see cref="GatewayOptions.GatewayListRefreshPeriod"/>.
/// </summary>
public sealed class PostgresGatewayListProvider : IGatewayListProvider, IAsyncDisposable, IDisposable
{
    private readonly PostgresClusteringOptions _options;
    private readonly string _clusterId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly MembershipStatements _sql;

    public PostgresGatewayListProvider(
        IOptions<PostgresClusteringOptions> options,
        IOptions<ClusterOptions> clusterOptions,
        IOptions<GatewayOptions> gatewayOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(gatewayOptions);
        _options = options.Value;
        _options.Validate();
        _clusterId = clusterOptions.Value.ClusterId
            ?? throw new ArgumentException("ClusterOptions.ClusterId is required.", nameof(clusterOptions));
        MaxStaleness = gatewayOptions.Value.GatewayListRefreshPeriod;
        // Named for Npgsql's traces and metrics (db.client.connection.pool.name).
        _dataSource = new NpgsqlDataSourceBuilder(_options.ConnectionString) { Name = "landflow-gateway-list" }.Build();
        _sql = new MembershipStatements(_options.Schema);
    }

    public TimeSpan MaxStaleness { get; }

    [Obsolete("Orleans no longer reads this; every provider is treated as updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => InitializeGatewayListProviderAsync(CancellationToken.None);

    /// <summary>Applies the schema migration, so a client started before any silo finds an empty list
    /// (and retries) instead of a missing table.</summary>
    public Task InitializeGatewayListProviderAsync(CancellationToken cancellationToken) =>
        MembershipSchema.ApplyAsync(_dataSource, _options.Schema, cancellationToken);

    public Task<IList<Uri>> GetGateways() => GetGatewaysAsync(CancellationToken.None);

    public async Task<IList<Uri>> GetGatewaysAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.ReadGateways);
        MembershipRows.AddClusterId(command, _clusterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var gateways = new List<Uri>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var address = reader.GetFieldValue<IPAddress>(0);
            var proxyPort = reader.GetInt32(1);
            var generation = reader.GetInt32(2);
            gateways.Add(SiloAddress.New(new IPEndPoint(address, proxyPort), generation).ToGatewayUri());
        }

        return gateways;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
