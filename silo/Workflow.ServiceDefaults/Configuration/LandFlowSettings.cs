using System.Text;

namespace Workflow.ServiceDefaults;

/// <summary>
/// Every setting the code reads, in one place: its key, which process reads it, whether cluster mode needs
/// it, its default and what it means. The Kubernetes manifests are checked against this catalogue (every
/// variable they pass is one the code reads, every one cluster mode needs is passed), and the settings tables
/// of README.md and docs/kubernetes.md are rendered from it (<see cref="ToMarkdownTable"/>; a test checks them).
/// </summary>
public static class LandFlowSettings
{
    public const string Mode = "LandFlow:Mode";
    public const string Gateways = "LandFlow:Gateways";
    public const string DataDirectory = "LandFlow:DataDirectory";
    public const string DevEndpoints = "LandFlow:DevEndpoints";
    public const string ClusterId = "LandFlow:ClusterId";
    public const string ServiceId = "LandFlow:ServiceId";
    public const string SiloPort = "LandFlow:SiloPort";
    public const string GatewayPort = "LandFlow:GatewayPort";
    public const string Storage = "LandFlow:Storage";
    public const string Clustering = "LandFlow:Clustering";
    public const string PostgresConnectionString = "LandFlow:Postgres:ConnectionString";
    public const string PostgresMaxPoolSize = "LandFlow:Postgres:MaxPoolSize";
    public const string PostgresMigrationConnectionString = "LandFlow:Postgres:MigrationConnectionString";
    public const string PostgresSiloRole = "LandFlow:Postgres:SiloRole";
    public const string TlsRequired = "LandFlow:Tls:Required";
    public const string TlsCertificatePath = "LandFlow:Tls:CertificatePath";
    public const string TlsKeyPath = "LandFlow:Tls:KeyPath";
    public const string TlsCertificatePassword = "LandFlow:Tls:CertificatePassword";
    public const string TlsCaPath = "LandFlow:Tls:CaPath";
    public const string DemoEnabled = "LandFlow:Demo:Enabled";
    public const string DemoSeed = "LandFlow:Demo:Seed";
    public const string AuthIssuer = "LandFlow:Auth:Issuer";
    public const string AuthAudience = "LandFlow:Auth:Audience";
    public const string AuthSigningKey = "LandFlow:Auth:SigningKey";
    public const string AuthTokenLifetime = "LandFlow:Auth:TokenLifetime";
    public const string AuthAuthority = "LandFlow:Auth:Authority";
    public const string AuthJwksFile = "LandFlow:Auth:JwksFile";
    public const string AuthJwksIssuer = "LandFlow:Auth:JwksIssuer";
    public const string AuthClaimsPrefix = "LandFlow:Auth:Claims:";
    public const string RateLimitsEnabled = "LandFlow:RateLimits:Enabled";
    public const string RateLimitsWritesPerSecond = "LandFlow:RateLimits:WritesPerSecond";
    public const string RateLimitsWriteBurst = "LandFlow:RateLimits:WriteBurst";
    public const string RateLimitsReadsPerSecond = "LandFlow:RateLimits:ReadsPerSecond";
    public const string RateLimitsReadBurst = "LandFlow:RateLimits:ReadBurst";
    public const string CalendarDirectory = "LandFlow:CalendarDirectory";
    public const string StaffLiaisons = "LandFlow:Staff:Liaisons";
    public const string RulesStateCouncilCultivatedMu = "LandFlow:Rules:StateCouncilCultivatedMu";
    public const string RulesStateCouncilOtherLandMu = "LandFlow:Rules:StateCouncilOtherLandMu";
    public const string RulesYellowShareUsed = "LandFlow:Rules:YellowShareUsed";
    public const string RulesYellowWorkingDaysLeft = "LandFlow:Rules:YellowWorkingDaysLeft";
    public const string RulesMaxUnsignedShare = "LandFlow:Rules:MaxUnsignedShare";
    public const string RulesAcceptanceWorkingDays = "LandFlow:Rules:AcceptanceWorkingDays";
    public const string RulesMaxExtensionWorkingDays = "LandFlow:Rules:MaxExtensionWorkingDays";
    public const string DeadlinesPollInterval = "LandFlow:Deadlines:PollInterval";
    public const string DeadlinesBatchSize = "LandFlow:Deadlines:BatchSize";
    public const string DeadlinesMaxConcurrentWakes = "LandFlow:Deadlines:MaxConcurrentWakes";
    public const string ProjectionsPollInterval = "LandFlow:Projections:PollInterval";
    public const string ProjectionsBatchSize = "LandFlow:Projections:BatchSize";
    public const string ProjectionsKeepAliveInterval = "LandFlow:Projections:KeepAliveInterval";
    public const string NoticesPollInterval = "LandFlow:Notices:PollInterval";
    public const string ForecastRuns = "LandFlow:Forecast:Runs";
    public const string ForecastMinSamples = "LandFlow:Forecast:MinSamples";
    public const string ForecastRefreshSeconds = "LandFlow:Forecast:RefreshSeconds";
    public const string BulletinLine = "LandFlow:Bulletin:Line";
    public const string MembershipProbeTimeout = "LandFlow:Membership:ProbeTimeout";
    public const string MembershipNumMissedProbesLimit = "LandFlow:Membership:NumMissedProbesLimit";
    public const string MembershipMaxProbeTimeout = "LandFlow:Membership:MaxProbeTimeout";
    public const string MembershipNumVotesForDeathDeclaration = "LandFlow:Membership:NumVotesForDeathDeclaration";
    public const string MembershipDefunctSiloExpiration = "LandFlow:Membership:DefunctSiloExpiration";
    public const string DashboardEnabled = "LandFlow:Dashboard:Enabled";
    public const string TelemetryTraces = "LandFlow:Telemetry:Traces";
    public const string Urls = "ASPNETCORE_URLS";
    public const string HttpPorts = "ASPNETCORE_HTTP_PORTS";
    public const string ShutdownTimeoutSeconds = "DOTNET_SHUTDOWNTIMEOUTSECONDS";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtelServiceName = "OTEL_SERVICE_NAME";
    public const string PodName = "POD_NAME";
    public const string PodNamespace = "POD_NAMESPACE";
    public const string PodIp = "POD_IP";
    public const string OrleansServiceId = "ORLEANS_SERVICE_ID";
    public const string OrleansClusterId = "ORLEANS_CLUSTER_ID";

    /// <summary>The pod labels Orleans' Kubernetes hosting reads the service and cluster ids from.</summary>
    public const string ServiceIdLabel = "orleans/serviceId";
    public const string ClusterIdLabel = "orleans/clusterId";

    /// <summary>Prefixes of variables the .NET runtime, ASP.NET Core, OpenTelemetry, Orleans and the pod
    /// itself define: a deployment may pass any of them (tuning), catalogued or not.</summary>
    public static IReadOnlyList<string> PlatformPrefixes { get; } = ["ASPNETCORE_", "DOTNET_", "OTEL_", "POD_", "ORLEANS_"];

    public static IReadOnlyList<LandFlowSetting> All { get; } =
    [
        new(Mode, LandFlowProcess.Both, LandFlowModes.Embedded + " (silo and embedded host); the cluster gateway: `cluster`, and refuses any other",
            "`embedded`: silo and gateway in one process on SQLite (`silo/Workflow.Embedded`); `cluster`: silos on PostgreSQL, gateways are Orleans clients of them")
        {
            RequiredBy = LandFlowProcess.Both,
            ClusterValue = LandFlowModes.Cluster,
        },
        new(ClusterId, LandFlowProcess.Both, "landflow",
            "Orleans cluster id, shared by the silos and gateways of one deployment (on silos also the pod label `orleans/clusterId`)")
        {
            RequiredBy = LandFlowProcess.Both,
        },
        new(ServiceId, LandFlowProcess.Both, "landflow",
            "Orleans service id, stable across deployments (on silos also the pod label `orleans/serviceId`)")
        {
            RequiredBy = LandFlowProcess.Both,
        },
        new(SiloPort, LandFlowProcess.Silo, "11111", "the port silos talk to each other on")
        {
            RequiredBy = LandFlowProcess.Silo,
        },
        new(GatewayPort, LandFlowProcess.Both, "30000", "the silo's client-gateway port, which gateways connect to")
        {
            RequiredBy = LandFlowProcess.Silo,
        },
        new(Storage, LandFlowProcess.Silo, "sqlite", "the store: `sqlite` (a file in the data directory) or `postgres`")
        {
            RequiredBy = LandFlowProcess.Silo,
            ClusterValue = "postgres",
        },
        new(Gateways, LandFlowProcess.Gateway, "(none)",
            "the silo gateways a cluster gateway connects to, as `host:port` entries separated by commas (`landflow-silo-gateway:30000`); a host name stands for every address it resolves to, resolved again at each refresh (a Kubernetes headless service)")
        {
            RequiredBy = LandFlowProcess.Gateway,
        },
        new(Clustering, LandFlowProcess.Silo, "localhost",
            "Orleans membership: `localhost` (one silo on loopback) or `postgres` (the membership table in PostgreSQL)")
        {
            RequiredBy = LandFlowProcess.Silo,
            ClusterValue = "postgres",
        },
        new(PostgresConnectionString, LandFlowProcess.Silo, "(none)",
            "Npgsql connection string of the database holding the store and the membership table (silos only: gateways hold no database credential)")
        {
            RequiredBy = LandFlowProcess.Silo,
            Source = SettingSource.Secret,
        },
        new(PostgresMigrationConnectionString, LandFlowProcess.Silo, "(none: migrations use the connection string above)",
            "Npgsql connection string of the schema's owner, used only to migrate (the store and the membership tables); the owner then grants the silos' role no UPDATE or DELETE of history and no CREATE (docs/postgres.md, \"Roles\"). In Kubernetes only the silo pods' `migrate` init container holds it")
        {
            Source = SettingSource.Secret,
        },
        new(PostgresSiloRole, LandFlowProcess.Silo, "the user of `LandFlow:Postgres:ConnectionString`",
            "with the silo's `migrate` command: the role the silos connect as, which the owner grants the store's and the membership tables' privileges (so the migration step needs no silo password)"),
        new(PostgresMaxPoolSize, LandFlowProcess.Silo, "20 (Npgsql: 100)",
            "most connections in each PostgreSQL pool of a silo (the store's, the membership table's) when the connection string sets no `Maximum Pool Size`; requests beyond it wait for a connection (docs/postgres.md)"),
        new(TlsCertificatePath, LandFlowProcess.Both, "(none)",
            "this process's certificate for mutual TLS on the silo and gateway ports: a PEM file (with `LandFlow:Tls:KeyPath`) or a `.pfx`/`.p12` file; must chain to `LandFlow:Tls:CaPath` (docs/clustering.md)")
        {
            RequiredBy = LandFlowProcess.Both,
        },
        new(TlsKeyPath, LandFlowProcess.Both, "(none)", "the PEM private key of `LandFlow:Tls:CertificatePath`; unset for a `.pfx`/`.p12` file"),
        new(TlsCertificatePassword, LandFlowProcess.Both, "(none)", "the password of a `.pfx`/`.p12` certificate file, if it has one")
        {
            Source = SettingSource.Secret,
        },
        new(TlsCaPath, LandFlowProcess.Both, "(none)",
            "PEM file of the certificate authorities a peer's certificate must chain to (both directions; host names are not checked, so the authority must be LandFlow's own); old and new during a rollover")
        {
            RequiredBy = LandFlowProcess.Both,
        },
        new(TlsRequired, LandFlowProcess.Both, "true in cluster mode or with `LandFlow:Clustering=postgres`",
            "`false` lets a cluster silo or gateway start without TLS; only where nothing but LandFlow reaches the silo ports (tests)")
        {
            ClusterValue = "true",
        },
        new(AuthSigningKey, LandFlowProcess.Gateway, "generated into the data directory in embedded mode",
            "base64 HMAC-SHA256 key of at least 256 bits that signs and checks tokens (`openssl rand -base64 32`)")
        {
            RequiredBy = LandFlowProcess.Gateway,
            Source = SettingSource.Secret,
        },
        new(AuthIssuer, LandFlowProcess.Gateway, "landflow", "token issuer"),
        new(AuthAudience, LandFlowProcess.Gateway, "landflow-api", "token audience (also the `aud` an identity provider's tokens must carry)"),
        new(AuthTokenLifetime, LandFlowProcess.Gateway, "00:15:00",
            "how long the tokens the gateway issues (`/api/dev/token`) are accepted; at most 01:00:00"),
        new(AuthAuthority, LandFlowProcess.Gateway, "(unset: the gateway's own key)",
            "an OpenID Connect authority whose RS/PS/ES-signed tokens the API accepts instead of the gateway's HS256 ones: keys from the `jwks_uri` of its discovery document, the issuer it names; HTTPS except on loopback (docs/api.md)"),
        new(AuthJwksFile, LandFlowProcess.Gateway, "(unset)",
            "instead of an authority: a JSON Web Key Set file with the identity provider's public keys (read at start)"),
        new(AuthJwksIssuer, LandFlowProcess.Gateway, "(none)", "with `LandFlow:Auth:JwksFile`: the `iss` the provider's tokens carry"),
        new(AuthClaimsPrefix + "Subject", LandFlowProcess.Gateway, "sub", "with an identity provider: its claim holding LandFlow's `sub` (the user id)"),
        new(AuthClaimsPrefix + "Role", LandFlowProcess.Gateway, "role",
            "its claim holding the role (e.g. `roles`; of its values, exactly one must be a LandFlow role)"),
        new(AuthClaimsPrefix + "Name", LandFlowProcess.Gateway, "name", "its claim holding the user's name"),
        new(AuthClaimsPrefix + "Uscc", LandFlowProcess.Gateway, "uscc", "its claim holding an enterprise's USCC"),
        new(AuthClaimsPrefix + "Department", LandFlowProcess.Gateway, "department", "its claim holding an officer's department"),
        new(AuthClaimsPrefix + "County", LandFlowProcess.Gateway, "county", "its claim holding the county code"),
        new(RateLimitsEnabled, LandFlowProcess.Gateway, "true",
            "per-user rate limits (429 with `Retry-After`); the benchmarks and the fault test turn them off (docs/api.md)"),
        new(RateLimitsWritesPerSecond, LandFlowProcess.Gateway, "2", "writes (POST and other non-GET methods) a second per user, sustained"),
        new(RateLimitsWriteBurst, LandFlowProcess.Gateway, "20", "writes a user may send at once"),
        new(RateLimitsReadsPerSecond, LandFlowProcess.Gateway, "10", "reads a second per user, sustained"),
        new(RateLimitsReadBurst, LandFlowProcess.Gateway, "100", "reads a user may send at once"),
        new(DataDirectory, LandFlowProcess.Both, ".landflow, under the working directory (`dotnet run --project` runs in the project's directory)",
            "local files: the SQLite store and, in embedded mode, the development signing key; must be writable"),
        new(DevEndpoints, LandFlowProcess.Both, "the embedded host: on when it listens on loopback only; the cluster gateway: off, and `true` refuses to start",
            "serve `/api/dev/*` (demo users, tokens, the movable clock): only the embedded host has them, only on loopback (`true` on any other address refuses to start); on a silo, `true` lets a development gateway move its clock")
        {
            ClusterValue = "false",
        },
        new(DemoEnabled, LandFlowProcess.Silo, "on in embedded mode only", "write the demo data set into an empty store at start")
        {
            ClusterValue = "false",
        },
        new(DemoSeed, LandFlowProcess.Silo, "2026", "the seed the demo data set is generated from"),
        new(StaffLiaisons, LandFlowProcess.Silo, "(none: no liaison can be named)",
            "the user ids of the liaisons (代办员) a project may be assigned, separated by commas, as the identity provider names them; the embedded host's demo knows its own"),
        new(CalendarDirectory, LandFlowProcess.Silo, "(the shipped calendars)",
            "a directory of `cn-YYYY.json` working-day calendars that add to or replace the shipped ones"),
        new(RulesStateCouncilCultivatedMu, LandFlowProcess.Silo, "525", "cultivated land (mu) above which the State Council approves"),
        new(RulesStateCouncilOtherLandMu, LandFlowProcess.Silo, "1050", "other land (mu) above which the State Council approves"),
        new(RulesYellowShareUsed, LandFlowProcess.Silo, "0.8", "share of a step's limit used at which its light turns yellow"),
        new(RulesYellowWorkingDaysLeft, LandFlowProcess.Silo, "2", "working days left at which a step's light turns yellow"),
        new(RulesMaxUnsignedShare, LandFlowProcess.Silo, "0.1",
            "largest share of a project's households that may remain without a compensation agreement (个别, 浙江省土地管理条例 第四十四条; set it to the province's figure: docs/gates.md)"),
        new(RulesAcceptanceWorkingDays, LandFlowProcess.Silo, "5",
            "working days a department has to accept a received step or ask once for a supplement; silence is acceptance on receipt (行政许可法 第三十二条)"),
        new(RulesMaxExtensionWorkingDays, LandFlowProcess.Silo, "10", "the longest extension (延期) of a step's limit, granted once with a reason (行政许可法 第四十二条)"),
        new(DeadlinesPollInterval, LandFlowProcess.Silo, "00:00:01", "how often the deadline scheduler looks for due deadlines"),
        new(DeadlinesBatchSize, LandFlowProcess.Silo, "256", "due deadlines read per look"),
        new(DeadlinesMaxConcurrentWakes, LandFlowProcess.Silo, "32", "projects woken at once by the deadline scheduler"),
        new(ProjectionsPollInterval, LandFlowProcess.Silo, "00:00:00.250", "how often each read model (analytics, notices) looks at the history feed (docs/storage.md)"),
        new(ProjectionsBatchSize, LandFlowProcess.Silo, "500", "history events a read model applies per transaction"),
        new(ProjectionsKeepAliveInterval, LandFlowProcess.Silo, "00:00:10", "how often every silo makes sure each read model's grain is active somewhere (after a silo loss it moves within this)"),
        new(NoticesPollInterval, LandFlowProcess.Silo, "00:00:00.250", "how often a silo with inboxes waiting (open event streams) looks for new notices (docs/notices.md)"),
        new(ForecastRuns, LandFlowProcess.Silo, "2000", "Monte Carlo runs per project forecast (docs/forecasts.md)"),
        new(ForecastMinSamples, LandFlowProcess.Silo, "30",
            "completed visits a dwell pool (a step in a county, then in all counties) needs before forecasts draw from it; thinner pools fall back to the next, and last to a prior from the step's time limit"),
        new(ForecastRefreshSeconds, LandFlowProcess.Silo, "60", "how often (seconds) forecasts re-read the dwell histograms; a project's cached forecast is made again only when they (or its state, or the day) change"),
        new(BulletinLine, LandFlowProcess.Silo, "0.85", "the on-time rate (a fraction) under which the weekly bulletin names a county or department"),
        new(MembershipProbeTimeout, LandFlowProcess.Silo, "00:00:01 (Orleans: 00:00:05)",
            "with `LandFlow:Clustering=postgres` (as all five membership settings): how long a silo waits for another's answer to a liveness probe; with the next, a killed silo is declared dead in about 2 s instead of 12 s (docs/clustering.md)"),
        new(MembershipNumMissedProbesLimit, LandFlowProcess.Silo, "2 (Orleans: 3)", "missed probes after which a silo votes another dead"),
        new(MembershipMaxProbeTimeout, LandFlowProcess.Silo, "4 × ProbeTimeout (Orleans)",
            "the longest a probe timeout grows to; a hung silo whose connection stays open is declared dead after about this × NumMissedProbesLimit"),
        new(MembershipNumVotesForDeathDeclaration, LandFlowProcess.Silo, "2 (Orleans)",
            "votes that declare a silo dead (fewer with fewer silos); 2 keeps one troubled silo from evicting a healthy one"),
        new(MembershipDefunctSiloExpiration, LandFlowProcess.Silo, "7.00:00:00 (Orleans)", "how long dead silos' rows stay in the membership table"),
        new(DashboardEnabled, LandFlowProcess.Both, "false",
            "the Orleans dashboard: silos run its grains and grain-call profiler, gateways serve it to administrators at `/admin/orleans/` (docs/api.md); silos and gateways must agree; it costs CPU in proportion to active grains, every second (docs/benchmarks/limits.md)"),
        new(Urls, LandFlowProcess.Both, "http://127.0.0.1:5000 (gateway), http://127.0.0.1:5100 (silo)",
            "where HTTP (API, health probes) listens; the silo reads only this one, so a container must set it to all interfaces")
        {
            RequiredBy = LandFlowProcess.Both,
        },
        new(HttpPorts, LandFlowProcess.Gateway, "8080 in the .NET container images",
            "ports to listen on, all interfaces; `ASPNETCORE_URLS` overrides it"),
        new(ShutdownTimeoutSeconds, LandFlowProcess.Both, "30",
            "how long the host may take to stop after SIGTERM: the silo hands its grains off and leaves the cluster in that time"),
        new(OtlpEndpoint, LandFlowProcess.Both, "(unset: no export)", "export traces, metrics and logs over OTLP"),
        new(TelemetryTraces, LandFlowProcess.Both, "on when `OTEL_EXPORTER_OTLP_ENDPOINT` is set",
            "record traces (spans of requests, grain calls and PostgreSQL commands, trace context carried across grain calls); `false` also with an endpoint, `true` for an exporter added in code"),
        new(OtelServiceName, LandFlowProcess.Both, "landflow-silo, landflow-gateway",
            "the service name telemetry is reported under; today the name the code gives each process takes precedence"),
        new(PodName, LandFlowProcess.Silo, "the host name", "the silo's name (Orleans Kubernetes hosting)")
        {
            RequiredBy = LandFlowProcess.Silo,
            Source = SettingSource.DownwardApi,
            FieldPath = "metadata.name",
        },
        new(PodNamespace, LandFlowProcess.Silo, "the service account's namespace",
            "the namespace whose silo pods Orleans watches (Orleans Kubernetes hosting)")
        {
            RequiredBy = LandFlowProcess.Silo,
            Source = SettingSource.DownwardApi,
            FieldPath = "metadata.namespace",
        },
        new(PodIp, LandFlowProcess.Silo, "resolved from the pod name", "the address the silo advertises to other silos and to gateways")
        {
            RequiredBy = LandFlowProcess.Silo,
            Source = SettingSource.DownwardApi,
            FieldPath = "status.podIP",
        },
        new(OrleansServiceId, LandFlowProcess.Silo, "`LandFlow:ServiceId`", "Orleans service id from the pod label `orleans/serviceId`")
        {
            RequiredBy = LandFlowProcess.Silo,
            Source = SettingSource.DownwardApi,
            FieldPath = $"metadata.labels['{ServiceIdLabel}']",
        },
        new(OrleansClusterId, LandFlowProcess.Silo, "`LandFlow:ClusterId`", "Orleans cluster id from the pod label `orleans/clusterId`")
        {
            RequiredBy = LandFlowProcess.Silo,
            Source = SettingSource.DownwardApi,
            FieldPath = $"metadata.labels['{ClusterIdLabel}']",
        },
    ];

    /// <summary>The setting passed under this environment variable name (exact spelling), if the code reads one.</summary>
    public static LandFlowSetting? FindByEnvironmentVariable(string name) =>
        All.FirstOrDefault(setting => string.Equals(setting.EnvironmentVariable, name, StringComparison.Ordinal));

    public static bool IsPlatformVariable(string name) =>
        PlatformPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The catalogue as a Markdown table, one row a setting, in catalogue order.</summary>
    public static string ToMarkdownTable()
    {
        var table = new StringBuilder();
        table.Append("| setting | environment variable | read by | in cluster mode | default | meaning |\n");
        table.Append("| --- | --- | --- | --- | --- | --- |\n");
        foreach (var setting in All)
        {
            var cells = new[]
            {
                $"`{setting.Key}`",
                setting.EnvironmentVariable == setting.Key ? "(same)" : $"`{setting.EnvironmentVariable}`",
                ReaderText(setting.ReadBy),
                ClusterUseText(setting),
                setting.Default,
                setting.Meaning,
            };
            table.Append("| ").AppendJoin(" | ", cells.Select(Cell)).Append(" |\n");
        }

        return table.ToString();
    }

    private static string ReaderText(LandFlowProcess process) => process switch
    {
        LandFlowProcess.Both => "silo, gateway",
        LandFlowProcess.Silo => "silo",
        LandFlowProcess.Gateway => "gateway",
        _ => "-",
    };

    private static string ClusterUseText(LandFlowSetting setting)
    {
        var use = setting.RequiredBy == LandFlowProcess.None
            ? "optional"
            : setting.RequiredBy == setting.ReadBy ? "required" : $"required ({ReaderText(setting.RequiredBy)})";
        return setting.Source switch
        {
            SettingSource.Secret => $"{use}, from a Secret",
            SettingSource.DownwardApi => $"{use}, from `{setting.FieldPath}`",
            _ when setting.ClusterValue is not null => $"{use}: `{setting.ClusterValue}`",
            _ => use,
        };
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
