using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Workflow.Benchmarks;

/// <summary>A chart written beside the report: its file (relative to the report's directory) and how to read it.</summary>
public sealed record ReportChart(string Title, string RelativePath, string Caption);

/// <summary>
/// The report's charts (issue 13, item 4), drawn with ScottPlot as SVG files in <c>charts/</c> beside
/// <c>latest.md</c>, from the figures of the one run: LandFlow's acts/s beside the peers and the ceilings (log scale),
/// status latency over offered load per deployment (the ladder), and before/after bars for each figure a
/// <c>--baseline</c> run measured on both sides.
/// </summary>
public static class ReportCharts
{
    public const string Folder = "charts";

    private const string FontName = "DejaVu Sans";
    private const string BaselinePrefix = "baseline.";

    private static readonly Color LandFlowColor = Color.FromHex("#1f77b4");
    private static readonly Color PeerColor = Color.FromHex("#ff7f0e");
    private static readonly Color CeilingColor = Color.FromHex("#7f7f7f");
    private static readonly Color BaselineColor = Color.FromHex("#aec7e8");
    private static readonly Lock FontGate = new();
    private static bool fontLoaded;

    /// <summary>Draws every chart the figures allow into <c>reportDirectory/charts</c> (its old SVG files removed first).</summary>
    public static IReadOnlyList<ReportChart> Draw(string reportDirectory, IReadOnlyList<Figure> figures)
    {
        var directory = Path.Combine(reportDirectory, Folder);
        Directory.CreateDirectory(directory);
        foreach (var old in Directory.EnumerateFiles(directory, "*.svg"))
        {
            File.Delete(old);
        }

        // A figure without a finite sample (a scenario that failed half-way, bytes per act of no act) is left out.
        var usable = figures.Where(f => f.Samples.Count > 0 && f.Samples.All(double.IsFinite)).ToList();
        var byKey = usable.ToDictionary(f => f.Key);
        var charts = new List<ReportChart>();
        if (Throughput(byKey) is { } throughput)
        {
            charts.Add(Save(directory, "throughput.svg", throughput.Plot, 1000, 90 + 46 * throughput.Bars, throughput.Chart));
        }

        foreach (var (prefix, steps) in LadderFigures.Read(usable).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var (plot, chart) = StatusLatency(byKey, prefix, steps);
            charts.Add(Save(directory, prefix + "status-latency.svg", plot, 900, 520, chart));
        }

        foreach (var baseline in usable.Where(f => f.Key.StartsWith(BaselinePrefix, StringComparison.Ordinal)))
        {
            if (byKey.TryGetValue(baseline.Key[BaselinePrefix.Length..], out var candidate))
            {
                var (plot, chart) = BeforeAfter(baseline, candidate);
                charts.Add(Save(directory, "compare." + candidate.Key + ".svg", plot, 560, 440, chart));
            }
        }

        return charts;
    }

    private static ReportChart Save(string directory, string file, Plot plot, int width, int height, ReportChart chart)
    {
        plot.SaveSvg(Path.Combine(directory, file), width, height);
        return chart with { RelativePath = Folder + "/" + file };
    }

    private static Plot NewPlot(string title)
    {
        LoadFont();
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, 16);
        return plot;
    }

    /// <summary>The fonts of this machine are read by file: the SkiaSharp native assets ScottPlot brings on Linux have no
    /// fontconfig, so a family name alone finds nothing to measure the labels with.</summary>
    private static void LoadFont()
    {
        lock (FontGate)
        {
            if (fontLoaded)
            {
                return;
            }

            foreach (var (file, bold) in new[] { ("DejaVuSans.ttf", false), ("DejaVuSans-Bold.ttf", true) })
            {
                var path = Path.Combine("/usr/share/fonts/truetype/dejavu", file);
                if (File.Exists(path))
                {
                    Fonts.AddFontFile(FontName, path, bold, italic: false);
                }
            }

            fontLoaded = true;
        }
    }

    private sealed record ThroughputChart(Plot Plot, int Bars, ReportChart Chart);

    private sealed record ThroughputBar(string Label, Figure Figure, Color Color);

    /// <summary>LandFlow's durable acts/s per deployment beside the peers (in memory) and the machine's ceilings, as
    /// horizontal bars on a log scale (medians), each run a point.</summary>
    private static ThroughputChart? Throughput(IReadOnlyDictionary<string, Figure> byKey)
    {
        var bars = new List<ThroughputBar>();
        foreach (var acts in byKey.Values.Where(f => f.Key == "acts.throughput" || (f.Key.EndsWith(".acts.throughput", StringComparison.Ordinal) && !f.Key.StartsWith(BaselinePrefix, StringComparison.Ordinal))))
        {
            var deployment = acts.Key == "acts.throughput" ? "embedded, SQLite" : acts.Key[..acts.Key.IndexOf('.', StringComparison.Ordinal)];
            bars.Add(new ThroughputBar($"LandFlow durable acts/s over HTTP ({deployment})", acts, LandFlowColor));
        }

        if (bars.Count == 0)
        {
            return null;
        }

        foreach (var (key, label, color) in new[]
        {
            ("peer.workflowcore.steps", "WorkflowCore steps/s (in memory)", PeerColor),
            ("peer.durabletask.steps", "DurableTask steps/s (in memory)", PeerColor),
            ("ceiling.kestrel.httpclient", "Kestrel trivial GET requests/s (same load generator)", CeilingColor),
            ("ceiling.sqlite.batched", "SQLite batched commits, rows/s", CeilingColor),
            (BenchmarkRun.PostgresCeiling, "PostgreSQL batched commits, rows/s", CeilingColor),
        })
        {
            if (byKey.TryGetValue(key, out var figure))
            {
                bars.Add(new ThroughputBar(label, figure, color));
            }
        }

        var plot = NewPlot("LandFlow beside the peers and the machine's ceilings");
        plot.XLabel("operations per second (log scale; bar = median, dot = one run)");
        var samples = bars.SelectMany(b => b.Figure.Samples).Where(v => v > 0).ToArray();
        if (samples.Length == 0)
        {
            return null;
        }

        var low = Math.Floor(Math.Log10(samples.Min()));
        var high = Math.Ceiling(Math.Log10(samples.Max() * 1.5));
        var categories = new NumericManual();
        var count = bars.Count;
        for (var i = 0; i < count; i++)
        {
            // Top to bottom in the order above: LandFlow first.
            var position = count - i;
            var bar = bars[i];
            var median = bar.Figure.Summary.Median;
            ScottPlot.Bar[] drawnBar =
            [
                new()
                {
                    Position = position,
                    Value = Math.Log10(Math.Max(median, Math.Pow(10, low))),
                    ValueBase = low,
                    FillColor = bar.Color,
                    Label = Short(median),
                },
            ];
            var drawn = plot.Add.Bars(drawnBar);
            drawn.Horizontal = true;
            var runs = bar.Figure.Samples.Where(v => v > 0).ToArray();
            var points = plot.Add.Scatter(runs.Select(Math.Log10).ToArray(), runs.Select(_ => (double)position).ToArray());
            points.LineWidth = 0;
            points.MarkerSize = 6;
            points.MarkerShape = MarkerShape.FilledCircle;
            points.Color = Colors.Black;
            categories.AddMajor(position, bar.Label);
        }

        plot.Axes.Left.TickGenerator = categories;
        plot.Axes.Bottom.TickGenerator = LogTicks(low, high);
        plot.Axes.SetLimitsX(low, high);
        plot.Axes.SetLimitsY(0.4, count + 0.6);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "LandFlow (durable, over HTTP)", FillColor = LandFlowColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "peers (in memory, no HTTP)", FillColor = PeerColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "ceilings of this machine", FillColor = CeilingColor });
        // Upper right: LandFlow's bars come first and are shorter than the ceilings below them.
        plot.ShowLegend(Alignment.UpperRight);
        return new ThroughputChart(plot, count, new ReportChart(
            "Throughput: LandFlow beside the peers and the ceilings",
            "",
            "Bars are medians over the runs, dots single runs, on a log scale (each grid step is ×10). Blue: LandFlow's durable acts/s per deployment; orange: the in-memory peers (goal: LandFlow ≥ 10 × WorkflowCore); grey: what this machine's HTTP stack and stores can do at most (goal: LandFlow ≥ 0.25 × the trivial Kestrel endpoint)."));
    }

    /// <summary>p50, p90 and p99 at each step of the status ladder (open loop, rates ×1.5), with the 5 ms goal, the
    /// trivial endpoint's p99 at the first rate (the machine's floor) and the highest rate held.</summary>
    private static (Plot Plot, ReportChart Chart) StatusLatency(IReadOnlyDictionary<string, Figure> byKey, string prefix, IReadOnlyList<LadderPoint> steps)
    {
        var deployment = prefix.Length == 0 ? "embedded, SQLite" : prefix.TrimEnd('.');
        var plot = NewPlot($"Status latency over offered load ({deployment})");
        plot.XLabel("offered load, GET /api/projects/{code} per second (open loop)");
        plot.YLabel("latency from the planned send time, ms (log scale)");
        var rates = steps.Select(s => s.Rate).ToArray();
        var all = steps.SelectMany(s => new[] { s.P50Ms, s.P90Ms, s.P99Ms }).Where(v => v > 0).ToList();
        byKey.TryGetValue("ceiling.kestrel.p99", out var floor);
        if (floor is not null && floor.Summary.Median > 0)
        {
            all.Add(floor.Summary.Median);
        }

        var goal = 5.0;
        all.Add(goal);
        var low = Math.Floor(Math.Log10(all.Min()));
        var high = Math.Ceiling(Math.Log10(all.Max() * 1.2));
        foreach (var (label, values, color, pattern) in new[]
        {
            ("p50", steps.Select(s => s.P50Ms), Color.FromHex("#2ca02c"), LinePattern.Solid),
            ("p90", steps.Select(s => s.P90Ms), Color.FromHex("#ff7f0e"), LinePattern.Solid),
            ("p99", steps.Select(s => s.P99Ms), Color.FromHex("#d62728"), LinePattern.Solid),
        })
        {
            var line = plot.Add.Scatter(rates, values.Select(v => Math.Log10(Math.Max(v, 1e-3))).ToArray());
            line.LegendText = "LandFlow status " + label;
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LinePattern = pattern;
        }

        var goalLine = plot.Add.HorizontalLine(Math.Log10(goal));
        goalLine.LegendText = $"goal: p99 ≤ {goal:F0} ms";
        goalLine.Color = Colors.Black;
        goalLine.LinePattern = LinePattern.Dashed;
        if (floor is not null && floor.Summary.Median > 0)
        {
            var trivial = plot.Add.Scatter(new[] { rates[0] }, new[] { Math.Log10(floor.Summary.Median) });
            trivial.LegendText = $"trivial Kestrel endpoint p99 at {rates[0]:N0}/s (the floor)";
            trivial.Color = CeilingColor;
            trivial.LineWidth = 0;
            trivial.MarkerShape = MarkerShape.FilledDiamond;
            trivial.MarkerSize = 12;
        }

        if (byKey.TryGetValue(prefix + "status.held", out var held) && held.Summary.Median > 0)
        {
            var heldLine = plot.Add.VerticalLine(held.Summary.Median);
            heldLine.LegendText = $"highest rate held with p99 ≤ {goal:F0} ms: {held.Summary.Median:N0}/s (median)";
            heldLine.Color = LandFlowColor;
            heldLine.LinePattern = LinePattern.Dotted;
        }

        plot.Axes.Left.TickGenerator = LogTicks(low, high);
        plot.Axes.SetLimitsY(low, high);
        var span = rates[^1] - rates[0];
        plot.Axes.SetLimitsX(Math.Max(0, rates[0] - Math.Max(span * 0.05, rates[0] * 0.1)), rates[^1] + Math.Max(span * 0.05, rates[0] * 0.1));
        plot.ShowLegend(Alignment.UpperLeft);
        return (plot, new ReportChart(
            $"Status latency over offered load ({deployment})",
            "",
            $"Each step of the ladder (rates ×1.5 from the fixed rate until p99 passes the goal or the rate is not kept) is a point: median over the repeats that reached it. The curve leaves the floor where p99 rises off the trivial endpoint's p99 (grey diamond); the dashed line is the {goal:F0} ms goal and the dotted one the highest rate held under it."));
    }

    /// <summary>One figure measured on both sides of a <c>--baseline</c> run: bars are medians, dots the runs.</summary>
    private static (Plot Plot, ReportChart Chart) BeforeAfter(Figure baseline, Figure candidate)
    {
        var plot = NewPlot(Wrap(candidate.Title));
        plot.YLabel(candidate.Unit);
        var sides = new[] { (Figure: baseline, Position: 1.0, Color: BaselineColor, Label: "before (--baseline)"), (Figure: candidate, Position: 2.0, Color: LandFlowColor, Label: "after (candidate)") };
        var ticks = new NumericManual();
        foreach (var side in sides)
        {
            ScottPlot.Bar[] sideBar = [new() { Position = side.Position, Value = side.Figure.Summary.Median, FillColor = side.Color, Label = "median " + BenchmarkReport.Format(side.Figure.Summary.Median) }];
            plot.Add.Bars(sideBar);
            var runs = side.Figure.Samples.ToArray();
            var points = plot.Add.Scatter(runs.Select(_ => side.Position).ToArray(), runs);
            points.LineWidth = 0;
            points.MarkerSize = 7;
            points.MarkerShape = MarkerShape.FilledCircle;
            points.Color = Colors.Black;
            ticks.AddMajor(side.Position, side.Label);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(0.4, 2.6);
        var top = sides.SelectMany(s => s.Figure.Samples).Max();
        plot.Axes.SetLimitsY(0, top <= 0 ? 1 : top * 1.3);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "median of the runs", FillColor = LandFlowColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "one run", MarkerShape = MarkerShape.FilledCircle, MarkerColor = Colors.Black, MarkerSize = 7 });
        plot.ShowLegend(Alignment.UpperLeft);
        var change = baseline.Summary.Median == 0 ? "" : $" ({(candidate.Summary.Median / baseline.Summary.Median - 1) * 100:+0;-0}% median to median)";
        return (plot, new ReportChart(
            $"Before/after: {candidate.Title}",
            "",
            $"`{candidate.Key}`, {candidate.Unit}: before {BenchmarkReport.Format(baseline.Summary.Median)}, after {BenchmarkReport.Format(candidate.Summary.Median)}{change}; {candidate.Summary.Runs} run(s) a side, interleaved."));
    }

    /// <summary>Major ticks at 1, 2 and 5 × 10^k (labelled) between two powers of ten given as exponents; minor ticks between.</summary>
    private static NumericManual LogTicks(double low, double high)
    {
        var ticks = new NumericManual();
        for (var exponent = (int)low; exponent <= (int)high; exponent++)
        {
            for (var mantissa = 1; mantissa <= 9; mantissa++)
            {
                var value = mantissa * Math.Pow(10, exponent);
                var position = Math.Log10(value);
                if (position < low - 1e-9 || position > high + 1e-9)
                {
                    continue;
                }

                if (mantissa is 1 or 2 or 5)
                {
                    ticks.AddMajor(position, Short(value));
                }
                else
                {
                    ticks.AddMinor(position);
                }
            }
        }

        return ticks;
    }

    /// <summary>1,234 → "1.2k"; 0.05 → "0.05".</summary>
    public static string Short(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        >= 10 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Wrap(string title) => title.Length <= 60 ? title : title[..60].TrimEnd() + "…";
}
