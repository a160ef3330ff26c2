namespace Workflow.Web.Components;

/// <summary>
/// Places a template's steps in rows by their longest chain of prerequisites (a step sits below everything it waits for),
/// so the diagram reads top to bottom on a phone as on a wall screen. Pure: tested without a browser.
/// </summary>
public sealed class DiagramLayout
{
    public const double NodeWidth = 180;
    public const double NodeHeight = 52;
    public const double ColumnGap = 24;
    public const double RowGap = 40;

    private DiagramLayout(IReadOnlyList<DiagramNode> nodes, IReadOnlyList<DiagramEdge> edges, double width, double height)
    {
        Nodes = nodes;
        Edges = edges;
        Width = width;
        Height = height;
    }

    public IReadOnlyList<DiagramNode> Nodes { get; }

    public IReadOnlyList<DiagramEdge> Edges { get; }

    public double Width { get; }

    public double Height { get; }

    public static DiagramLayout Of(TemplateView template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var keys = template.Steps.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var before = template.Steps.ToDictionary(
            s => s.Key,
            s => s.DependsOn.Concat(s.StartsAfter).Where(keys.Contains).Distinct(StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int DepthOf(string key, int guard)
        {
            if (depth.TryGetValue(key, out var known))
            {
                return known;
            }

            // Templates are validated acyclic; the guard only keeps a broken file from hanging a page.
            var d = guard > keys.Count ? 0 : before[key].Select(k => DepthOf(k, guard + 1) + 1).DefaultIfEmpty(0).Max();
            depth[key] = d;
            return d;
        }

        foreach (var step in template.Steps)
        {
            DepthOf(step.Key, 0);
        }

        var rows = template.Steps.GroupBy(s => depth[s.Key]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var columns = rows.Max(r => r.Count);
        var width = (columns * NodeWidth) + ((columns + 1) * ColumnGap);
        var nodes = new List<DiagramNode>();
        for (var row = 0; row < rows.Count; row++)
        {
            var count = rows[row].Count;
            var rowWidth = (count * NodeWidth) + ((count - 1) * ColumnGap);
            var left = (width - rowWidth) / 2;
            for (var column = 0; column < count; column++)
            {
                nodes.Add(new DiagramNode(rows[row][column], left + (column * (NodeWidth + ColumnGap)), RowGap / 2 + (row * (NodeHeight + RowGap))));
            }
        }

        var byKey = nodes.ToDictionary(n => n.Step.Key, StringComparer.Ordinal);
        var edges = template.Steps
            .SelectMany(s => s.DependsOn.Where(keys.Contains).Select(d => new DiagramEdge(byKey[d], byKey[s.Key], Dashed: false))
                .Concat(s.StartsAfter.Where(keys.Contains).Select(d => new DiagramEdge(byKey[d], byKey[s.Key], Dashed: true))))
            .ToList();
        return new DiagramLayout(nodes, edges, width, (rows.Count * (NodeHeight + RowGap)) + (RowGap / 2));
    }
}

public sealed record DiagramNode(TemplateStepView Step, double X, double Y)
{
    public double CenterX => X + (DiagramLayout.NodeWidth / 2);

    public double Bottom => Y + DiagramLayout.NodeHeight;
}

public sealed record DiagramEdge(DiagramNode From, DiagramNode To, bool Dashed);

/// <summary>How one step is drawn: its fill, a second line (dwell, state) and a light to mark it with, if any.</summary>
public sealed record DiagramStepStyle(string Fill, string? Caption, string? Light, string? Link = null);
