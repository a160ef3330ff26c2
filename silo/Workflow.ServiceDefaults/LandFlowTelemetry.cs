namespace Workflow.ServiceDefaults;

/// <summary>The names our own traces and metrics are published under; ServiceDefaults listens to both.</summary>
public static class LandFlowTelemetry
{
    public const string SourceName = "LandFlow";
    public const string MeterName = "LandFlow";
}
