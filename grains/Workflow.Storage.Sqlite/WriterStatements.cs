using Microsoft.Data.Sqlite;

namespace Workflow.Storage.Sqlite;

/// <summary>
/// Every statement the writer runs, prepared once on its connection. Transactions are driven with
/// plain BEGIN/SAVEPOINT statements so each commit of a batch can be undone alone.
/// </summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly PreparedStatement begin;
    private readonly PreparedStatement commit;
    private readonly PreparedStatement rollback;
    private readonly PreparedStatement savepoint;
    private readonly PreparedStatement releaseSavepoint;
    private readonly PreparedStatement rollbackToSavepoint;
    private readonly PreparedStatement createStream;
    private readonly PreparedStatement advanceStream;
    private readonly PreparedStatement appendEvent;
    private readonly PreparedStatement setSnapshot;
    private readonly PreparedStatement lastHash;
    private readonly PreparedStatement archive;
    private readonly PreparedStatement upsertProject;
    private readonly PreparedStatement clearOpenSteps;
    private readonly PreparedStatement addOpenStep;
    private readonly PreparedStatement upsertDeadline;
    private readonly PreparedStatement deleteDeadline;
    private readonly PreparedStatement upsertSetting;

    public WriterStatements(SqliteConnection connection)
    {
        // IMMEDIATE: take the write lock at BEGIN rather than failing half-way if another
        // process holds it (busy_timeout makes us wait for it instead).
        begin = new(connection, "BEGIN IMMEDIATE;");
        commit = new(connection, "COMMIT;");
        rollback = new(connection, "ROLLBACK;");
        savepoint = new(connection, "SAVEPOINT request;");
        releaseSavepoint = new(connection, "RELEASE request;");
        rollbackToSavepoint = new(connection, "ROLLBACK TO request;");

        // The version check is the WHERE clause (or the primary key for a new stream): zero rows
        // changed means another writer got there first.
        // The stream row is small (the state lives in events' deltas and stream_snapshots): an act rewrites a few bytes.
        createStream = new(connection, """
            INSERT INTO streams (stream_id, version, state_json, last_seq, pending_delta)
            VALUES ($stream_id, 1, '', $last_seq, $pending_delta)
            ON CONFLICT (stream_id) DO NOTHING;
            """, "$stream_id", "$last_seq", "$pending_delta");
        advanceStream = new(connection, """
            UPDATE streams
            SET version = version + 1, last_seq = max(last_seq, $last_seq), pending_delta = $pending_delta
            WHERE stream_id = $stream_id AND version = $expected_version;
            """, "$stream_id", "$expected_version", "$last_seq", "$pending_delta");
        appendEvent = new(connection, """
            INSERT INTO events (stream_id, seq, at, actor, kind, step, reason, facts_json, state_delta, prev_hash, hash)
            VALUES ($stream_id, $seq, $at, $actor, $kind, $step, $reason, $facts_json, $state_delta, $prev_hash, $hash);
            """, "$stream_id", "$seq", "$at", "$actor", "$kind", "$step", "$reason", "$facts_json", "$state_delta", "$prev_hash", "$hash");

        // After the stream row and its events: the snapshot is of the state after them, at the stream's last seq.
        setSnapshot = new(connection, """
            INSERT INTO stream_snapshots (stream_id, seq, state_json, state_zlib, state_bytes)
            VALUES ($stream_id, (SELECT last_seq FROM streams WHERE stream_id = $stream_id), $state_json, $state_zlib, $state_bytes)
            ON CONFLICT (stream_id) DO UPDATE SET
                seq = excluded.seq, state_json = excluded.state_json, state_zlib = excluded.state_zlib, state_bytes = excluded.state_bytes;
            """, "$stream_id", "$state_json", "$state_zlib", "$state_bytes");

        // Inside the batch's transaction, so it sees events of this stream written earlier in the same batch.
        lastHash = new(connection, """
            SELECT hash FROM events WHERE stream_id = $stream_id AND seq < $seq ORDER BY seq DESC LIMIT 1;
            """, "$stream_id", "$seq");
        archive = new(connection,
            "INSERT INTO stream_archive (stream_id, key, json) VALUES ($stream_id, $key, $json);",
            "$stream_id", "$key", "$json");
        upsertProject = new(connection, """
            INSERT INTO projects (code, name, county, owner_uscc, liaison, state, light, registered_at, updated_at)
            VALUES ($code, $name, $county, $owner_uscc, $liaison, $state, $light, $registered_at, $updated_at)
            ON CONFLICT (code) DO UPDATE SET
                name = excluded.name,
                county = excluded.county,
                owner_uscc = excluded.owner_uscc,
                liaison = excluded.liaison,
                state = excluded.state,
                light = excluded.light,
                registered_at = excluded.registered_at,
                updated_at = excluded.updated_at;
            """, "$code", "$name", "$county", "$owner_uscc", "$liaison", "$state", "$light", "$registered_at", "$updated_at");
        clearOpenSteps = new(connection, "DELETE FROM project_open_steps WHERE code = $code;", "$code");
        addOpenStep = new(connection,
            "INSERT INTO project_open_steps (code, step, position) VALUES ($code, $step, $position);",
            "$code", "$step", "$position");
        upsertDeadline = new(connection, """
            INSERT INTO deadlines (stream_id, due_at, due_offset_minutes)
            VALUES ($stream_id, $due_at, $due_offset_minutes)
            ON CONFLICT (stream_id) DO UPDATE SET
                due_at = excluded.due_at,
                due_offset_minutes = excluded.due_offset_minutes;
            """, "$stream_id", "$due_at", "$due_offset_minutes");
        deleteDeadline = new(connection, "DELETE FROM deadlines WHERE stream_id = $stream_id;", "$stream_id");
        upsertSetting = new(connection, """
            INSERT INTO settings (key, value) VALUES ($key, $value)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            """, "$key", "$value");
    }

    public void BeginTransaction() => begin.Execute();

    public void CommitTransaction() => commit.Execute();

    public void RollbackTransaction() => rollback.Execute();

    public void BeginRequest() => savepoint.Execute();

    public void EndRequest() => releaseSavepoint.Execute();

    /// <summary>Undoes one request's writes and leaves the batch's transaction open for the rest.</summary>
    public void UndoRequest()
    {
        rollbackToSavepoint.Execute();
        releaseSavepoint.Execute();
    }

    public bool TryCreateStream(string streamId, long lastSeq, object? pendingDelta) =>
        createStream.Execute(streamId, lastSeq, pendingDelta) == 1;

    public bool TryAdvanceStream(string streamId, long expectedVersion, long lastSeq, object? pendingDelta) =>
        advanceStream.Execute(streamId, expectedVersion, lastSeq, pendingDelta) == 1;

    public void SetSnapshot(string streamId, PackedState state) => setSnapshot.Execute(streamId, state.Text, state.Zlib, state.Bytes);

    /// <summary>Appends the event chained to the stream's event before it (see <see cref="HistoryChain"/>): the
    /// hash is computed here, where every event is written, so no caller can leave it out.</summary>
    public void AppendEvent(string streamId, StoredEvent stored, object? packedDelta)
    {
        var previous = lastHash.Scalar(streamId, stored.Seq) as byte[] ?? HistoryChain.Genesis.ToArray();
        appendEvent.Execute(
            streamId,
            stored.Seq,
            InstantText.Format(stored.At),
            stored.Actor,
            stored.Kind,
            stored.Step,
            stored.Reason,
            stored.FactsJson,
            packedDelta,
            previous,
            HistoryChain.Link(previous, streamId, stored));
    }

    public void Archive(string streamId, ArchivedRecord record) => archive.Execute(streamId, record.Key, record.Json);

    public void UpsertProject(ProjectIndexEntry entry)
    {
        upsertProject.Execute(
            entry.Code,
            entry.Name,
            entry.County,
            entry.OwnerUscc,
            entry.Liaison,
            entry.State,
            entry.Light,
            InstantText.Format(entry.RegisteredAt),
            InstantText.Format(entry.UpdatedAt));

        clearOpenSteps.Execute(entry.Code);
        var position = 0;
        foreach (var step in entry.OpenSteps.Distinct(StringComparer.Ordinal))
        {
            addOpenStep.Execute(entry.Code, step, position++);
        }
    }

    public void SetDeadline(string streamId, DateTimeOffset? dueAt)
    {
        if (dueAt is { } due)
        {
            upsertDeadline.Execute(streamId, due.UtcTicks, InstantText.OffsetMinutes(due));
        }
        else
        {
            deleteDeadline.Execute(streamId);
        }
    }

    public void SetSetting(string key, string value) => upsertSetting.Execute(key, value);

    public void Dispose()
    {
        PreparedStatement[] all =
        [
            begin, commit, rollback, savepoint, releaseSavepoint, rollbackToSavepoint, createStream, advanceStream, appendEvent, setSnapshot, lastHash,
            archive, upsertProject, clearOpenSteps, addOpenStep, upsertDeadline, deleteDeadline, upsertSetting,
        ];
        foreach (var statement in all)
        {
            statement.Dispose();
        }
    }
}
