namespace Workflow.Storage.Sqlite;

internal static class AssemblyMarker;
