namespace Workflow.Contracts;

internal static class AssemblyMarker;
