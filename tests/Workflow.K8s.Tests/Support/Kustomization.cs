using YamlDotNet.RepresentationModel;

namespace Workflow.K8s.Tests;

/// <summary>The resources k8s/kustomization.yaml lists, in order.</summary>
internal static class Kustomization
{
    public const string FileName = "kustomization.yaml";

    public static IReadOnlyList<string> Resources(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var resources = (YamlSequenceNode)root.Children[new YamlScalarNode("resources")];
        return [.. resources.Children.Cast<YamlScalarNode>().Select(node => node.Value ?? "")];
    }
}
