using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>
/// The analytics read model: every project's history folded (<see cref="AnalyticsFold"/>) into a row per project, a row
/// per step visit, and histograms of dwell and counts of red lights by ISO week; and, already summed for the dashboard's
/// every request, the dwell histogram over all weeks and the open visits of live projects. A batch reads the fold state
/// of the projects it touches once, applies their events in order, and writes each changed row once; the open-visit
/// counts change by each touched project's open visits after the batch less those before it.
/// </summary>
public sealed class AnalyticsProjection(WorkflowEnvironment environment) : IProjection
{
    public const string ProjectionName = "analytics";

    /// <summary>2: the summaries <c>analytics_dwell_totals</c> and <c>analytics_open</c>, which a read model built by
    /// version 1 lacks.</summary>
    public const int ProjectionVersion = 2;
    private const string StreamPrefix = "project/";

    private static readonly string[] ProjectColumns =
        ["code", "name", "county", "procedure", "template_id", "template_version", "approval_level", "liaison", "target_date", "state", "registered_at", "closed_at", "fold"];

    private static readonly string[] VisitColumns =
        ["code", "step", "round", "department", "county", "procedure", "state", "light", "received_at", "accepted_at", "done_at", "due_at", "time_limit", "extension_days", "on_time", "wait_days", "work_days", "done_week"];

    private static readonly string[] DwellColumns = ["procedure", "step", "county", "department", "week", "on_time", "phase", "days", "visits"];
    private static readonly string[] RedColumns = ["procedure", "step", "county", "department", "week", "turns"];
    private static readonly string[] DwellTotalColumns = ["procedure", "step", "county", "department", "on_time", "phase", "days", "visits"];
    private static readonly string[] OpenColumns = ["procedure", "step", "county", "department", "state", "light", "visits"];

    private static readonly JsonSerializerOptions FoldJson = new(JsonSerializerDefaults.Web);

    private readonly AnalyticsFold fold = new(environment);

    public string Name => ProjectionName;

    public int Version => ProjectionVersion;

    public string SqliteSchema => AnalyticsSchema.Ddl;

    public IReadOnlyList<string> Tables => AnalyticsSchema.Tables;

    public async Task ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var events = batch.Events.Where(e => e.StreamId.StartsWith(StreamPrefix, StringComparison.Ordinal)).ToList();
        if (events.Count == 0)
        {
            return;
        }

        var codes = events.Select(e => e.StreamId[StreamPrefix.Length..]).Distinct(StringComparer.Ordinal).ToList();
        var tracks = await LoadAsync(batch, codes, cancellationToken).ConfigureAwait(false);

        // Before the fold changes the loaded tracks in place: what they count now among the open visits.
        var open = new Dictionary<(string, string, string, string, string, string), long>();
        foreach (var loaded in tracks.Values)
        {
            CountOpen(open, loaded, -1);
        }

        var changed = new Dictionary<string, ProjectTrack>(StringComparer.Ordinal);
        var visits = new Dictionary<(string, string, int), object?[]>();
        var dwell = new Dictionary<(string, string, string, string, string, int, string, int), long>();
        var totals = new Dictionary<(string, string, string, string, int, string, int), long>();
        var red = new Dictionary<(string, string, string, string, string), long>();
        foreach (var feedEvent in events)
        {
            var code = feedEvent.StreamId[StreamPrefix.Length..];
            var changes = new FoldChanges();
            var track = fold.Apply(tracks.GetValueOrDefault(code), code, ToDomain(feedEvent.Event), changes);
            if (track is null)
            {
                continue;
            }

            tracks[code] = track;
            changed[code] = track;
            foreach (var visit in changes.Touched)
            {
                visits[(code, visit.Step, visit.Round)] = VisitRow(track, visit);
            }

            foreach (var visit in changes.Completed)
            {
                var week = IsoWeeks.Of(visit.DoneAt!.Value);
                var onTime = visit.OnTime switch { true => 1, false => 0, null => -1 };
                var wait = visit.WaitDays ?? 0;
                var work = visit.WorkDays ?? 0;
                foreach (var (phase, days) in new[] { (AnalyticsSchema.Phases.Wait, wait), (AnalyticsSchema.Phases.Work, work), (AnalyticsSchema.Phases.Total, wait + work) })
                {
                    var key = (track.Procedure, visit.Step, track.County, visit.Department, week, onTime, phase, days);
                    dwell[key] = dwell.GetValueOrDefault(key) + 1;
                    var total = (track.Procedure, visit.Step, track.County, visit.Department, onTime, phase, days);
                    totals[total] = totals.GetValueOrDefault(total) + 1;
                }
            }

            foreach (var (visit, at) in changes.TurnedRed)
            {
                var key = (track.Procedure, visit.Step, track.County, visit.Department, IsoWeeks.Of(at));
                red[key] = red.GetValueOrDefault(key) + 1;
            }
        }

        foreach (var track in changed.Values)
        {
            CountOpen(open, track, +1);
        }

        var connection = batch.Connection;
        var transaction = batch.Transaction;
        await SqlRows.UpsertAsync(connection, transaction, "analytics_projects", ProjectColumns, "code", SqlRows.SetExcluded(ProjectColumns.Skip(1)),
            [.. changed.Values.Select(ProjectRow)], cancellationToken).ConfigureAwait(false);
        await SqlRows.UpsertAsync(connection, transaction, "analytics_visits", VisitColumns, "code, step, round", SqlRows.SetExcluded(VisitColumns.Skip(3)),
            [.. visits.Values], cancellationToken).ConfigureAwait(false);
        await SqlRows.UpsertAsync(connection, transaction, "analytics_dwell", DwellColumns, string.Join(", ", DwellColumns[..^1]),
            "visits = analytics_dwell.visits + excluded.visits",
            [.. dwell.Select(d => new object?[] { d.Key.Item1, d.Key.Item2, d.Key.Item3, d.Key.Item4, d.Key.Item5, d.Key.Item6, d.Key.Item7, d.Key.Item8, d.Value })],
            cancellationToken).ConfigureAwait(false);
        await SqlRows.UpsertAsync(connection, transaction, "analytics_red_turns", RedColumns, string.Join(", ", RedColumns[..^1]),
            "turns = analytics_red_turns.turns + excluded.turns",
            [.. red.Select(d => new object?[] { d.Key.Item1, d.Key.Item2, d.Key.Item3, d.Key.Item4, d.Key.Item5, d.Value })],
            cancellationToken).ConfigureAwait(false);
        await SqlRows.UpsertAsync(connection, transaction, "analytics_dwell_totals", DwellTotalColumns, string.Join(", ", DwellTotalColumns[..^1]),
            "visits = analytics_dwell_totals.visits + excluded.visits",
            [.. totals.Select(d => new object?[] { d.Key.Item1, d.Key.Item2, d.Key.Item3, d.Key.Item4, d.Key.Item5, d.Key.Item6, d.Key.Item7, d.Value })],
            cancellationToken).ConfigureAwait(false);
        await SqlRows.UpsertAsync(connection, transaction, "analytics_open", OpenColumns, string.Join(", ", OpenColumns[..^1]),
            "visits = analytics_open.visits + excluded.visits",
            [.. open.Where(d => d.Value != 0).Select(d => new object?[] { d.Key.Item1, d.Key.Item2, d.Key.Item3, d.Key.Item4, d.Key.Item5, d.Key.Item6, d.Value })],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="sign"/> for each open visit of <paramref name="track"/> while the project is live
    /// (active or approved), keyed as <c>analytics_open</c>. Only the current round of a step can be open (a step is
    /// reopened only once done), so the track's visits are all its open rows.</summary>
    private static void CountOpen(Dictionary<(string, string, string, string, string, string), long> open, ProjectTrack track, int sign)
    {
        if (track.State is not ("active" or "approved"))
        {
            return;
        }

        foreach (var visit in track.Visits.Values.Where(v => v.IsOpen))
        {
            var key = (track.Procedure, visit.Step, track.County, visit.Department, visit.State, visit.Light);
            open[key] = open.GetValueOrDefault(key) + sign;
        }
    }

    private static async Task<Dictionary<string, ProjectTrack>> LoadAsync(ProjectionBatch batch, List<string> codes, CancellationToken cancellationToken)
    {
        var tracks = new Dictionary<string, ProjectTrack>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(500))
        {
            var names = chunk.Select((_, i) => $"@c{i}").ToList();
            await using var command = SqlRows.Command(batch.Connection, batch.Transaction,
                $"SELECT fold FROM analytics_projects WHERE code IN ({string.Join(", ", names)})",
                [.. chunk.Select((code, i) => (names[i], (object?)code))]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var track = JsonSerializer.Deserialize<ProjectTrack>(reader.GetString(0), FoldJson)!;
                tracks[track.Code] = track;
            }
        }

        return tracks;
    }

    private static ProjectEvent ToDomain(StoredEvent stored) =>
        new(stored.Seq, stored.At, stored.Actor, stored.Kind, stored.Step, stored.Reason,
            stored.FactsJson is null ? null : JsonNode.Parse(stored.FactsJson) as JsonObject);

    private static object?[] ProjectRow(ProjectTrack track) =>
    [
        track.Code, track.Name, track.County, track.Procedure, track.TemplateId, track.TemplateVersion, track.ApprovalLevel, track.Liaison,
        track.TargetDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), track.State, track.RegisteredAt.UtcTicks,
        track.ClosedAt?.UtcTicks, JsonSerializer.Serialize(track, FoldJson),
    ];

    private static object?[] VisitRow(ProjectTrack track, StepVisit visit) =>
    [
        track.Code, visit.Step, visit.Round, visit.Department, track.County, track.Procedure, visit.State, visit.Light,
        visit.ReceivedAt.UtcTicks, visit.AcceptedAt?.UtcTicks, visit.DoneAt?.UtcTicks, visit.DueAt?.UtcTicks, visit.TimeLimit?.ToString(),
        visit.ExtensionDays, visit.OnTime switch { true => 1, false => 0, null => null }, visit.WaitDays, visit.WorkDays,
        visit.DoneAt is { } done && visit.State == VisitStates.Done ? IsoWeeks.Of(done) : null,
    ];
}
