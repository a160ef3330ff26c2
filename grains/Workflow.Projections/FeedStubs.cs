// TEMPORARY (analytics branch): the seams of issue11-shared.md until the lead's "Feed:" commits land on main; deleted
// when main is merged.
using System.Data.Common;
using Workflow.Storage;

namespace Workflow.Storage
{
    public readonly record struct FeedPosition(long Tx, long Position);

    public sealed record FeedEvent(FeedPosition Position, string StreamId, StoredEvent Event);

    public enum SqlDialect
    {
        Sqlite,
        Postgres,
    }

    public interface IReadModelDatabase
    {
        SqlDialect Dialect { get; }

        Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
    }
}

namespace Workflow.Projections
{
    public interface IProjection
    {
        string Name { get; }

        string SqliteSchema { get; }

        IReadOnlyList<string> Tables { get; }

        Task ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken);
    }

    public sealed class ProjectionBatch(DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<FeedEvent> events)
    {
        public DbConnection Connection { get; } = connection;

        public DbTransaction Transaction { get; } = transaction;

        public SqlDialect Dialect { get; } = dialect;

        public IReadOnlyList<FeedEvent> Events { get; } = events;
    }
}
