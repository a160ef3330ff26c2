namespace Workflow.K8s.Tests;

/// <summary>One file of k8s/, by name, with its text (possibly edited in memory by a test).</summary>
internal sealed record ManifestFile(string Name, string Text);
