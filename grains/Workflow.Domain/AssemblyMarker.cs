namespace Workflow.Domain;

internal static class AssemblyMarker;
