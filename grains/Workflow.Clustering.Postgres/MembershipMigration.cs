namespace Workflow.Clustering.Postgres;

/// <summary>One numbered step of the membership schema.</summary>
internal sealed record MembershipMigration(int Version, string Description, string Script);
