namespace Workflow.Hosting;

internal static class AssemblyMarker;
