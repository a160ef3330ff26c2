namespace Workflow.K8s.Tests;

/// <summary>An environment variable a manifest passes to a container. <see cref="Value"/> is known for
/// literals and ConfigMap keys; <see cref="FieldPath"/> for the downward API.</summary>
internal sealed record PassedVariable(string Name, VariableOrigin Origin, string From)
{
    public string? Value { get; init; }

    public string? FieldPath { get; init; }
}
