namespace Workflow.ServiceDefaults;

/// <summary>
/// One setting the code reads. <see cref="Key"/> is the configuration key (<c>LandFlow:Auth:SigningKey</c>) or,
/// for a variable read from the environment by the platform (<c>POD_IP</c>), the variable's name.
/// </summary>
public sealed record LandFlowSetting(string Key, LandFlowProcess ReadBy, string Default, string Meaning)
{
    /// <summary>The processes that cannot run in cluster mode without it.</summary>
    public LandFlowProcess RequiredBy { get; init; }

    public SettingSource Source { get; init; } = SettingSource.Value;

    /// <summary>The value a cluster deployment must give it whenever it passes it.</summary>
    public string? ClusterValue { get; init; }

    /// <summary>For <see cref="SettingSource.DownwardApi"/>: the pod field it is taken from.</summary>
    public string? FieldPath { get; init; }

    /// <summary>The name to pass it under as an environment variable (<c>:</c> written <c>__</c>).</summary>
    public string EnvironmentVariable => Key.Replace(":", "__", StringComparison.Ordinal);

    public bool IsReadBy(LandFlowProcess process) => process != LandFlowProcess.None && (ReadBy & process) == process;

    public bool IsRequiredBy(LandFlowProcess process) => process != LandFlowProcess.None && (RequiredBy & process) == process;
}
