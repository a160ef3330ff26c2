using k8s.Models;
using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>A container of a LandFlow pod (label app.kubernetes.io/name: landflow), with the process its
/// component label names and the workload it belongs to. <see cref="IsInit"/>: an init container, which runs a command
/// of that process to completion (the silo's <c>migrate</c>) rather than the process itself.</summary>
internal sealed record LandFlowContainer(ManifestObject Workload, V1PodTemplateSpec Template, V1Container Container, LandFlowProcess Process)
{
    public bool IsInit { get; init; }

    public override string ToString() => $"{Workload} container {Container.Name}";
}
