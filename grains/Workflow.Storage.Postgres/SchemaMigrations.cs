using System.Globalization;
using System.Reflection;

namespace Workflow.Storage.Postgres;

/// <summary>
/// The schema's whole history, oldest first, read from the SQL scripts embedded in this assembly
/// (Migrations/NNNN_description.sql). Never edit a script that has shipped: add the next number.
/// </summary>
internal static class SchemaMigrations
{
    private const string ResourcePrefix = "migrations/";

    private static readonly Lazy<IReadOnlyList<SchemaMigration>> Embedded = new(Load);

    public static IReadOnlyList<SchemaMigration> All => Embedded.Value;

    public static int LatestVersion => All[^1].Version;

    private static IReadOnlyList<SchemaMigration> Load()
    {
        var assembly = typeof(SchemaMigrations).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(migration => migration.Version)
            .ToList();

        // A gap or a duplicate is a packaging mistake; catching it here beats half-migrating a database.
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Embedded migrations must be numbered 1, 2, 3, ... without gaps; found version {migrations[i].Version} at position {i + 1}.");
            }
        }

        if (migrations.Count == 0)
        {
            throw new InvalidOperationException("No migrations are embedded in " + assembly.GetName().Name + ".");
        }

        return migrations;
    }

    private static SchemaMigration Read(Assembly assembly, string resourceName)
    {
        // "migrations/0001_streams_events.sql" -> version 1, "streams events".
        var fileName = resourceName[ResourcePrefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration '{resourceName}' is not named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Migration '{resourceName}' cannot be read.");
        using var reader = new StreamReader(stream);
        return new SchemaMigration(version, fileName[(separator + 1)..].Replace('_', ' '), reader.ReadToEnd());
    }
}
