using Workflow.Web.Components;

namespace Workflow.Web.Tests;

public sealed class DiagramLayoutTests
{
    private static TemplateStepView Step(string key, string[]? after = null, string[]? startsAfter = null) =>
        new(key, key, key, ["natural-resources"], after ?? [], startsAfter ?? [], 20, [], Conditional: false);

    [Fact]
    public void DiagramLayout_Steps_SitBelowEverythingTheyWaitFor()
    {
        var template = new TemplateView("T", 1, "T", "T", "test",
        [
            Step("a"),
            Step("b", ["a"]),
            Step("c", ["a"]),
            Step("d", ["b", "c"]),
            Step("e", startsAfter: ["d"]),
        ]);

        var layout = DiagramLayout.Of(template);

        var y = layout.Nodes.ToDictionary(n => n.Step.Key, n => n.Y);
        Assert.True(y["a"] < y["b"]);
        Assert.Equal(y["b"], y["c"]);
        Assert.True(y["c"] < y["d"]);
        Assert.True(y["d"] < y["e"]);
        Assert.Equal(5, layout.Edges.Count);
        Assert.Single(layout.Edges, edge => edge.Dashed);
    }

    [Fact]
    public void DiagramLayout_SideBySideSteps_DoNotOverlap()
    {
        var template = new TemplateView("T", 1, "T", "T", "test", [Step("a"), Step("b"), Step("c")]);

        var layout = DiagramLayout.Of(template);

        var xs = layout.Nodes.Select(n => n.X).Order().ToList();
        Assert.All(xs.Zip(xs.Skip(1)), pair => Assert.True(pair.Second - pair.First >= DiagramLayout.NodeWidth));
        Assert.True(layout.Width >= xs[^1] + DiagramLayout.NodeWidth);
    }
}
