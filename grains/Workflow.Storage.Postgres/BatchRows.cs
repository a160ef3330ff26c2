using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// The rows that commits write besides their stream row (events, archived records, index rows and
/// open steps, deadlines, settings), gathered so that each table is written by one set-based statement.
/// </summary>
/// <remarks>
/// An upsert may not touch a row twice in one statement, so rows with the same key keep the last
/// one given: the same result as writing them one after the other. Keyed rows are written in
/// ordinal key order, so concurrent batches lock them in the same order.
/// </remarks>
internal sealed class BatchRows
{
    private readonly List<(string StreamId, StoredEvent Event)> events = [];
    private readonly List<(string StreamId, ArchivedRecord Record)> archived = [];
    private readonly SortedDictionary<string, string> snapshots = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ProjectIndexEntry> projects = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, DateTimeOffset?> deadlines = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> settings = new(StringComparer.Ordinal);

    public void AddEvents(string streamId, IReadOnlyList<StoredEvent> stored)
    {
        foreach (var item in stored)
        {
            events.Add((streamId, item));
        }
    }

    /// <summary>Inserted, never upserted: a key given twice fails the statement, as a key archived before does.</summary>
    public void AddArchived(string streamId, IReadOnlyList<ArchivedRecord> records)
    {
        foreach (var record in records)
        {
            archived.Add((streamId, record));
        }
    }

    public void SetSnapshot(string streamId, string stateJson) => snapshots[streamId] = stateJson;

    public void SetProject(ProjectIndexEntry entry) => projects[entry.Code] = entry;

    /// <summary>Sets (<paramref name="dueAt"/> not null) or clears the stream's deadline.</summary>
    public void SetDeadline(string streamId, DateTimeOffset? dueAt) => deadlines[streamId] = dueAt;

    public void SetSetting(string key, string value) => settings[key] = value;

    /// <summary>The statements that write the gathered rows; parents (projects) before children (open steps).</summary>
    public IEnumerable<(string Sql, NpgsqlParameter[] Parameters)> Statements()
    {
        if (events.Count > 0)
        {
            yield return EventStatement();
        }

        if (snapshots.Count > 0)
        {
            yield return (WriteStatements.UpsertSnapshots, [Array(snapshots.Keys), Array(snapshots.Values)]);
        }

        if (archived.Count > 0)
        {
            yield return (WriteStatements.ArchiveRecords,
            [
                Array(archived.Select(a => a.StreamId)),
                Array(archived.Select(a => a.Record.Key)),
                Array(archived.Select(a => a.Record.Json)),
            ]);
        }

        if (projects.Count > 0)
        {
            foreach (var statement in ProjectStatements())
            {
                yield return statement;
            }
        }

        var due = deadlines.Where(d => d.Value is not null).ToList();
        if (due.Count > 0)
        {
            yield return (WriteStatements.UpsertDeadlines,
            [
                Array(due.Select(d => d.Key)),
                Array(due.Select(d => d.Value!.Value.UtcTicks)),
                Array(due.Select(d => Instants.OffsetMinutes(d.Value!.Value))),
            ]);
        }

        var cleared = deadlines.Where(d => d.Value is null).Select(d => d.Key).ToArray();
        if (cleared.Length > 0)
        {
            yield return (WriteStatements.DeleteDeadlines, [Array(cleared)]);
        }

        if (settings.Count > 0)
        {
            yield return (WriteStatements.UpsertSettings, [Array(settings.Keys), Array(settings.Values)]);
        }
    }

    private (string, NpgsqlParameter[]) EventStatement() =>
        (WriteStatements.AppendEvents,
        [
            Array(events.Select(e => e.StreamId)),
            Array(events.Select(e => e.Event.Seq)),
            Array(events.Select(e => e.Event.At.UtcTicks)),
            Array(events.Select(e => Instants.OffsetMinutes(e.Event.At))),
            Array(events.Select(e => e.Event.Actor)),
            Array(events.Select(e => e.Event.Kind)),
            Array(events.Select(e => e.Event.Step)),
            Array(events.Select(e => e.Event.Reason)),
            Array(events.Select(e => e.Event.FactsJson)),
            Array(events.Select(e => e.Event.StateDelta)),
        ]);

    private IEnumerable<(string, NpgsqlParameter[])> ProjectStatements()
    {
        var entries = projects.Values;
        yield return (WriteStatements.UpsertProjects,
        [
            Array(entries.Select(p => p.Code)),
            Array(entries.Select(p => p.Name)),
            Array(entries.Select(p => p.County)),
            Array(entries.Select(p => p.OwnerUscc)),
            Array(entries.Select(p => p.Liaison)),
            Array(entries.Select(p => p.State)),
            Array(entries.Select(p => p.Light)),
            Array(entries.Select(p => p.RegisteredAt.UtcTicks)),
            Array(entries.Select(p => Instants.OffsetMinutes(p.RegisteredAt))),
            Array(entries.Select(p => p.UpdatedAt.UtcTicks)),
            Array(entries.Select(p => Instants.OffsetMinutes(p.UpdatedAt))),
        ]);

        // A project has each step at most once (the primary key), in the order first given.
        var steps = entries
            .SelectMany(p => p.OpenSteps.Distinct(StringComparer.Ordinal).Select((step, position) => (p.Code, Step: step, Position: position)))
            .ToList();
        var codes = Array(projects.Keys);
        var stepCodes = Array(steps.Select(s => s.Code));
        var stepNames = Array(steps.Select(s => s.Step));
        yield return (WriteStatements.RemoveClosedSteps, [codes, stepCodes, stepNames]);
        if (steps.Count > 0)
        {
            yield return (WriteStatements.UpsertOpenSteps,
                [Array(steps.Select(s => s.Code)), Array(steps.Select(s => s.Step)), Array(steps.Select(s => s.Position))]);
        }
    }

    private static NpgsqlParameter<T[]> Array<T>(IEnumerable<T> values) => new() { TypedValue = [.. values] };
}
