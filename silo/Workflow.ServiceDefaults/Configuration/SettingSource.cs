namespace Workflow.ServiceDefaults;

/// <summary>Where a cluster deployment takes a setting's value from.</summary>
public enum SettingSource
{
    /// <summary>A plain value: a ConfigMap key or a literal in the pod spec.</summary>
    Value,

    /// <summary>A Secret key; never a literal or a ConfigMap.</summary>
    Secret,

    /// <summary>The pod itself, through the downward API (<see cref="LandFlowSetting.FieldPath"/>).</summary>
    DownwardApi,
}
