using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Workflow.Grains;

/// <summary>LandFlow's own meter and activity source: acts accepted and refused, by step and rule.</summary>
public sealed class LandFlowMetrics
{
    public const string Name = "LandFlow";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> accepted;
    private readonly Counter<long> refused;
    private readonly Counter<long> lightChanges;
    private readonly Histogram<double> commitMilliseconds;

    public LandFlowMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        accepted = meter.CreateCounter<long>("landflow.acts.accepted", description: "Acts accepted and made durable.");
        refused = meter.CreateCounter<long>("landflow.acts.refused", description: "Acts refused by a rule.");
        lightChanges = meter.CreateCounter<long>("landflow.lights.changed", description: "Steps turning yellow or red.");
        commitMilliseconds = meter.CreateHistogram<double>("landflow.store.commit.duration", unit: "ms", description: "Time from a grain's commit to durability.");
    }

    public void Accepted(string kind, string? step) =>
        accepted.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("step", step ?? ""));

    public void Refused(string kind, string? step, string rule) =>
        refused.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("step", step ?? ""), new KeyValuePair<string, object?>("rule", rule));

    public void LightChanged(string step, string light) =>
        lightChanges.Add(1, new KeyValuePair<string, object?>("step", step), new KeyValuePair<string, object?>("light", light));

    public void Committed(TimeSpan elapsed) => commitMilliseconds.Record(elapsed.TotalMilliseconds);
}
