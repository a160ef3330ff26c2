using System.Text.Json.Nodes;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>
/// The <c>problems</c> read model (issue 12, item 3): every land problem (涉土问题) of every project, open or resolved,
/// so that leaders see the open ones per county and a liaison theirs across projects. Each problem event carries the
/// problem's number, title, county, project name, liaison and department (<see cref="Project.RecordProblem"/>), so the
/// fold needs no other event but the liaison's reassignment.
/// </summary>
public sealed class LandProblemsProjection : IProjection
{
    public const string ProjectionName = "problems";

    private const string ProjectPrefix = "project/";

    public string Name => ProjectionName;

    public string SqliteSchema => LandProblemsSchema.Ddl;

    public IReadOnlyList<string> Tables { get; } = ["land_problems"];

    public async Task ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var feedEvent in batch.Events.Where(f => f.StreamId.StartsWith(ProjectPrefix, StringComparison.Ordinal)))
        {
            await ApplyAsync(batch, feedEvent.StreamId, feedEvent.Event, cancellationToken);
        }
    }

    private static async Task ApplyAsync(ProjectionBatch batch, string stream, StoredEvent e, CancellationToken cancellationToken)
    {
        var facts = string.IsNullOrEmpty(e.FactsJson) ? null : JsonNode.Parse(e.FactsJson) as JsonObject;
        if (e.Kind == EventKinds.LiaisonAssigned)
        {
            await batch.ExecuteAsync("UPDATE land_problems SET liaison = @liaison WHERE stream_id = @stream", cancellationToken,
                ("@liaison", Text(facts, "liaison")), ("@stream", stream));
            return;
        }

        if (facts?["problem"] is not JsonValue number || !number.TryGetValue<int>(out var id))
        {
            return;
        }

        var key = new (string, object?)[] { ("@stream", stream), ("@id", id) };
        switch (e.Kind)
        {
            case EventKinds.ProblemRecorded when Text(facts, "county") is { } county && Text(facts, "title") is { } title:
                // Applied twice (never, under the checkpoint; but cheaply safe), the first row stands.
                await batch.ExecuteAsync("""
                    INSERT INTO land_problems (stream_id, problem_id, project_code, project_name, county, title, step, department, liaison, state, recorded_at)
                    VALUES (@stream, @id, @code, @name, @county, @title, @step, @department, @liaison, 'open', @at)
                    ON CONFLICT (stream_id, problem_id) DO NOTHING
                    """,
                    cancellationToken,
                    [.. key, ("@code", stream[ProjectPrefix.Length..]), ("@name", Text(facts, "name")), ("@county", county), ("@title", title),
                        ("@step", e.Step), ("@department", Text(facts, "department")), ("@liaison", Text(facts, "liaison")), ("@at", e.At.UtcTicks)]);
                break;
            case EventKinds.ProblemAssigned:
                await batch.ExecuteAsync(
                    "UPDATE land_problems SET department = @department, assigned_at = @at WHERE stream_id = @stream AND problem_id = @id",
                    cancellationToken, [.. key, ("@department", Text(facts, "department")), ("@at", e.At.UtcTicks)]);
                break;
            case EventKinds.ProblemFollowed:
                await batch.ExecuteAsync("UPDATE land_problems SET last_note_at = @at WHERE stream_id = @stream AND problem_id = @id",
                    cancellationToken, [.. key, ("@at", e.At.UtcTicks)]);
                break;
            case EventKinds.ProblemResolved:
                await batch.ExecuteAsync(
                    "UPDATE land_problems SET state = 'resolved', resolved_at = @at WHERE stream_id = @stream AND problem_id = @id",
                    cancellationToken, [.. key, ("@at", e.At.UtcTicks)]);
                break;
        }
    }

    private static string? Text(JsonObject? facts, string name) =>
        facts?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
