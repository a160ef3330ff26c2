using k8s;
using k8s.Models;

namespace Workflow.K8s.Tests;

/// <summary>One Kubernetes object of a manifest file, as KubernetesClient's typed model.</summary>
internal sealed record ManifestObject(string File, object Resource)
{
    public V1ObjectMeta Metadata => ((IMetadata<V1ObjectMeta>)Resource).Metadata;

    public string Kind => ((IKubernetesObject)Resource).Kind;

    public override string ToString() => $"{File} {Kind}/{Metadata.Name}";
}
