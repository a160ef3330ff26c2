namespace Workflow.Projections.Tests;

/// <summary>SQLite runs <see cref="AnalyticsSchema.Ddl"/> itself; PostgreSQL gets the same tables from the store's
/// migrations (the silos' role may not create tables). The two must not drift.</summary>
public sealed class AnalyticsSchemaTests
{
    private static readonly string[] Migrations = ["0005_analytics.sql", "0007_analytics_summary.sql"];

    [Fact]
    public void Schema_IsTheSameAsThePostgresMigrations()
    {
        // 0005 shipped without IF NOT EXISTS; a statement's text is otherwise the same. Other statements of the
        // migrations (on other tables) are not the analytics schema's.
        var migrations = Migrations
            .SelectMany(name => Statements(File.ReadAllText(Path.Combine(RepositoryRoot(), "grains/Workflow.Storage.Postgres/Migrations", name))))
            .Where(s => s.Contains(" analytics_", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(Statements(AnalyticsSchema.Ddl), migrations);
        Assert.Equal(AnalyticsSchema.Tables.Order(StringComparer.Ordinal), migrations.Where(s => s.StartsWith("CREATE TABLE ", StringComparison.Ordinal))
            .Select(s => s.Split(' ')[2]).Order(StringComparer.Ordinal));
    }

    /// <summary>Each statement with comments dropped, whitespace collapsed and IF NOT EXISTS left out.</summary>
    private static List<string> Statements(string sql)
    {
        var code = string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        return [.. code.Split(';')
            .Select(s => string.Join(' ', s.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace(" IF NOT EXISTS", "", StringComparison.Ordinal))
            .Where(s => s.Length > 0)];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Workflow.sln not found above the test's directory.");
    }
}
