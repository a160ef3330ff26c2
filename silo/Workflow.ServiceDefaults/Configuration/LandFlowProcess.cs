namespace Workflow.ServiceDefaults;

/// <summary>The processes of a cluster deployment that read a setting. In embedded mode the gateway
/// process hosts a silo too and so reads the silo's settings as well.</summary>
[Flags]
public enum LandFlowProcess
{
    None = 0,
    Silo = 1,
    Gateway = 2,
    Both = Silo | Gateway,
}
