namespace Workflow.Grains;

internal static class AssemblyMarker;
