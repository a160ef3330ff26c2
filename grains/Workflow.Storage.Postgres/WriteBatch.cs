using Npgsql;

namespace Workflow.Storage.Postgres;

/// <summary>
/// The statements of one transaction, sent in a single round trip, and the request each belongs to, so
/// that a failing one can be pinned on its request. Normally each request contributes only its
/// version check and the rest of the batch's rows go out as one statement per table ("shared"
/// statements, owned by no request). When a shared statement fails, the writer replays the batch
/// isolated: every request then gets its own statements, so the next failure names its request.
/// </summary>
internal sealed class WriteBatch : IAsyncDisposable
{
    private readonly NpgsqlBatch batch;
    private readonly List<StatementOwner?> owners = [];
    private readonly bool isolated;
    private BatchRows rows = new();
    private WriteRequest? current;

    public WriteBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, bool isolated)
    {
        // No timeout: a batch waiting on another silo's row lock is slow, not broken, and giving
        // up half-way would only turn it into failures the callers would retry anyway.
        batch = new NpgsqlBatch(connection, transaction) { Timeout = 0 };
        this.isolated = isolated;
    }

    /// <summary>Statements so far.</summary>
    public int Count => owners.Count;

    /// <summary>Where the request being appended puts its rows other than the stream row.</summary>
    public BatchRows Rows => current is not null ? rows : throw new InvalidOperationException("Rows are added only while a request is appended.");

    /// <summary>Appends the statements and rows of <paramref name="request"/>.</summary>
    public void Append(WriteRequest request)
    {
        current = request;
        request.AppendTo(this);
        if (isolated)
        {
            AddRows(new StatementOwner(request, IsVersionCheck: false));
        }

        current = null;
    }

    /// <summary>Adds a statement of its own for the request being appended.</summary>
    /// <param name="isVersionCheck">True for the statement whose failure means "another writer got there first".</param>
    public void Add(string sql, bool isVersionCheck, params ReadOnlySpan<NpgsqlParameter> parameters)
    {
        var owner = current ?? throw new InvalidOperationException("Statements are added only while a request is appended.");
        Add(sql, new StatementOwner(owner, isVersionCheck), parameters);
    }

    public Task ExecuteAsync()
    {
        if (!isolated)
        {
            AddRows(owner: null);
        }

        return batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Who a failed statement belongs to: <see cref="Failure.Request"/> when it is one request's,
    /// <see cref="Failure.Shared"/> when it wrote several requests' rows, null when it is not one
    /// of this batch's statements (the failure concerns the transaction).
    /// </summary>
    public Failure? OwnerOf(NpgsqlBatchCommand? failed)
    {
        var index = failed is null ? -1 : batch.BatchCommands.IndexOf(failed);
        return index < 0 ? null : owners[index] is { } owner ? new Failure.Request(owner) : new Failure.Shared();
    }

    public ValueTask DisposeAsync() => batch.DisposeAsync();

    private void AddRows(StatementOwner? owner)
    {
        foreach (var (sql, parameters) in rows.Statements())
        {
            Add(sql, owner, parameters);
        }

        rows = new BatchRows();
    }

    private void Add(string sql, StatementOwner? owner, ReadOnlySpan<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
        owners.Add(owner);
    }

    /// <summary>The statement of a batch that failed.</summary>
    public abstract record Failure
    {
        private Failure()
        {
        }

        /// <summary>A statement of one request's own.</summary>
        public sealed record Request(StatementOwner Owner) : Failure;

        /// <summary>A statement writing rows of several requests.</summary>
        public sealed record Shared : Failure;
    }
}

internal sealed record StatementOwner(WriteRequest Request, bool IsVersionCheck);
