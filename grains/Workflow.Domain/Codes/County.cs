namespace Workflow.Domain;

/// <summary>A county-level division: its 6-digit administrative division code (GB/T 2260) and names.</summary>
public sealed record County(string Code, string NameZh, string Name);
