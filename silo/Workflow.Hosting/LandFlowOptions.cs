namespace Workflow.Hosting;

/// <summary>The "LandFlow" configuration section: which mode runs and where its data lives.</summary>
public sealed class LandFlowOptions
{
    public const string SectionName = "LandFlow";

    /// <summary><c>embedded</c> (silo and gateway in one process on SQLite) or <c>cluster</c>
    /// (the gateway is a client of separate silos).</summary>
    public string Mode { get; set; } = LandFlowModes.Embedded;

    /// <summary>Where the embedded store, the development signing key and other local files live.
    /// Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = ".landflow";

    /// <summary>
    /// Serves <c>/api/dev/*</c> (demo users, tokens, the movable clock). Unset means "in embedded mode only".
    /// </summary>
    public bool? DevEndpoints { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "landflow";

    public string ServiceId { get; set; } = "landflow";

    public bool IsEmbedded => string.Equals(Mode, LandFlowModes.Embedded, StringComparison.OrdinalIgnoreCase);

    public bool DevEndpointsEnabled => DevEndpoints ?? IsEmbedded;

    public string ResolveDataDirectory(string contentRoot)
    {
        _ = contentRoot;
        var path = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}

public static class LandFlowModes
{
    public const string Embedded = "embedded";
    public const string Cluster = "cluster";
}
