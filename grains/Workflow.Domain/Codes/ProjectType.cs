namespace Workflow.Domain;

/// <summary>A kind of project: its key in templates and APIs, its 2-digit code in project codes, and names.</summary>
public sealed record ProjectType(string Key, string Code, string NameZh, string Name);
