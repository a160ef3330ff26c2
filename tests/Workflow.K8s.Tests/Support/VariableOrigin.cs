namespace Workflow.K8s.Tests;

/// <summary>Where a container's environment variable gets its value.</summary>
internal enum VariableOrigin
{
    Literal,
    ConfigMap,
    Secret,
    Field,
    Other,
}
