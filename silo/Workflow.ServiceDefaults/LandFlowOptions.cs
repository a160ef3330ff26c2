namespace Workflow.ServiceDefaults;

/// <summary>The "LandFlow" configuration section: which mode runs and where its data lives.</summary>
public sealed class LandFlowOptions
{
    public const string SectionName = "LandFlow";

    /// <summary><c>embedded</c> (silo and gateway in one process on SQLite) or <c>cluster</c>
    /// (the gateway is a client of separate silos).</summary>
    public string Mode { get; set; } = LandFlowModes.Embedded;

    /// <summary>The cluster gateway's silo gateways: <c>host:port</c> entries separated by commas; a DNS name (a
    /// Kubernetes headless service) stands for every address it resolves to, re-read as Orleans refreshes its list.</summary>
    public string Gateways { get; set; } = "";

    /// <summary>Where the embedded store, the development signing key and other local files live.
    /// A relative path is taken from the working directory, not the content root: the content root is the
    /// application's own directory (<see cref="LandFlowWebApplication"/>), which a rebuild or a new image
    /// replaces and a container mounts read-only, while where a process is started from is the operator's
    /// choice (<c>dotnet run --project</c> starts it in the project's directory).</summary>
    public string DataDirectory { get; set; } = ".landflow";

    /// <summary>
    /// Serves <c>/api/dev/*</c> (demo users, tokens, the movable clock). Only the embedded host has them, and only
    /// on loopback addresses: unset means "yes when every address it listens on is loopback"; true on any other
    /// address refuses to start (<c>DevEndpointsGuard</c>); the cluster gateway refuses true outright.
    /// </summary>
    public bool? DevEndpoints { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "landflow";

    public string ServiceId { get; set; } = "landflow";

    /// <summary>Where grain state and history live: <c>sqlite</c> (a file in the data directory) or <c>postgres</c>.</summary>
    public string Storage { get; set; } = LandFlowStorage.Sqlite;

    /// <summary>How silos find each other and gateways find silos: <c>localhost</c> or <c>postgres</c>.</summary>
    public string Clustering { get; set; } = LandFlowClustering.Localhost;

    public PostgresSettings Postgres { get; set; } = new();

    /// <summary>The Orleans dashboard: its grains and profiler on silos, its pages on gateways.</summary>
    public DashboardSettings Dashboard { get; set; } = new();

    /// <summary>Whether traces are recorded (<see cref="TelemetrySettings.TracesEnabled"/> decides).</summary>
    public TelemetrySettings Telemetry { get; set; } = new();

    /// <summary>Mutual TLS between silos and from gateways to silos (<see cref="ClusterTls"/>).</summary>
    public ClusterTlsSettings Tls { get; set; } = new();

    public bool UsesPostgresStorage => string.Equals(Storage, LandFlowStorage.Postgres, StringComparison.OrdinalIgnoreCase);

    public bool UsesPostgresClustering => string.Equals(Clustering, LandFlowClustering.Postgres, StringComparison.OrdinalIgnoreCase);

    public bool IsEmbedded => string.Equals(Mode, LandFlowModes.Embedded, StringComparison.OrdinalIgnoreCase);

    /// <summary>The data directory as a full path (relative to the working directory), created if missing.</summary>
    public string ResolveDataDirectory()
    {
        var path = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}

public sealed class PostgresSettings
{
    /// <summary>Connections per pool when the connection string does not say: Npgsql's 100 lets a single silo take
    /// every connection of a default PostgreSQL server (docs/postgres.md).</summary>
    public const int DefaultMaxPoolSize = 20;

    public string ConnectionString { get; set; } = "";

    /// <summary>Most connections each of a process's pools (store, membership table, gateway list) opens; a
    /// <c>Maximum Pool Size</c> in <see cref="ConnectionString"/> wins.</summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;
}

/// <summary>Reads the "LandFlow" section as the process starts, before the container is built.</summary>
public static class LandFlowOptionsReader
{
    public static LandFlowOptions GetLandFlowOptions(this Microsoft.Extensions.Hosting.IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Microsoft.Extensions.Configuration.ConfigurationBinder.Get<LandFlowOptions>(builder.Configuration.GetSection(LandFlowOptions.SectionName)) ?? new LandFlowOptions();
    }
}

public static class LandFlowStorage
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}

public static class LandFlowClustering
{
    public const string Localhost = "localhost";
    public const string Postgres = "postgres";
}

public static class LandFlowModes
{
    public const string Embedded = "embedded";
    public const string Cluster = "cluster";
}
