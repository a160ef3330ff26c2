using System.Data.Common;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>One batch of feed events and the open transaction a projection writes them in.</summary>
public sealed class ProjectionBatch(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<FeedEvent> events)
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public SqlDialect Dialect { get; } = dialect;

    public IReadOnlyList<FeedEvent> Events { get; } = events;

    /// <summary>A command in the batch's transaction; parameters named as in the SQL (<c>@name</c>).</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        ReadModelSql.Command(Connection, Transaction, sql, parameters);

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadModelSql.ExecuteAsync(Connection, Transaction, sql, cancellationToken, parameters);
}
