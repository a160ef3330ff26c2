namespace Workflow.Storage.Postgres;

/// <summary>One step of the schema's history; applied once, in <see cref="Version"/> order.</summary>
internal sealed record SchemaMigration(int Version, string Description, string Script);
