using Microsoft.Extensions.Configuration;
using Npgsql;
using Workflow.Clustering.Postgres;
using Workflow.ServiceDefaults;
using Workflow.Storage.Postgres;

namespace Workflow.Hosting;

/// <summary>
/// <c>Workflow.Silo migrate</c>: brings the PostgreSQL store and the Orleans membership tables up to this build's
/// version as the schema's owner (<see cref="LandFlowSettings.PostgresMigrationConnectionString"/>), grants the
/// silos' role what it needs (no UPDATE or DELETE of history, no CREATE), prints what it did and exits: 0 when the
/// schema is ready, 1 when migrating failed, 2 when the settings do not say what to migrate. A deployment runs it
/// before the silos (k8s: the silo pods' init container), so only this step holds the owner's credential.
/// </summary>
public static class SchemaMigrationCommand
{
    public const string Name = "migrate";

    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Misconfigured = 2;

    /// <summary>Whether the command line asks for this command (its first argument).</summary>
    public static bool IsRequested(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && string.Equals(args[0], Name, StringComparison.Ordinal);
    }

    public static async Task<int> RunAsync(
        IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var options = configuration.GetSection(LandFlowOptions.SectionName).Get<LandFlowOptions>() ?? new LandFlowOptions();
        if (!options.UsesPostgresStorage && !options.UsesPostgresClustering)
        {
            return Refuse(error, $"nothing to migrate: neither {LandFlowSettings.Storage} nor {LandFlowSettings.Clustering} is 'postgres'.");
        }

        var owner = configuration[LandFlowSettings.PostgresMigrationConnectionString];
        if (string.IsNullOrWhiteSpace(owner))
        {
            return Refuse(error, $"{LandFlowSettings.PostgresMigrationConnectionString} (the schema owner's connection string) is required.");
        }

        NpgsqlConnectionStringBuilder ownerSettings;
        string? siloRole;
        try
        {
            ownerSettings = new NpgsqlConnectionStringBuilder(owner);
            siloRole = SiloRole(configuration, options);
        }
        catch (ArgumentException exception)
        {
            // Npgsql names the bad keyword, never the password.
            return Refuse(error, "a connection string is not valid: " + exception.Message);
        }

        if (string.IsNullOrWhiteSpace(siloRole))
        {
            return Refuse(error,
                $"name the silos' role: {LandFlowSettings.PostgresSiloRole}, or a Username in {LandFlowSettings.PostgresConnectionString}.");
        }

        var schema = PostgresStoreOptions.DefaultSchema;
        await output.WriteLineAsync(
            $"migrate: schema '{schema}' of database '{ownerSettings.Database}' on {ownerSettings.Host}, as '{ownerSettings.Username}'; " +
            $"silos' role '{siloRole}'").ConfigureAwait(false);
        try
        {
            if (options.UsesPostgresStorage)
            {
                var version = await PostgresMigrator.ApplyAsync(owner, schema, siloRole, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(
                    $"migrate: store at version {version}; '{siloRole}' may read and append history, not UPDATE or DELETE it").ConfigureAwait(false);
            }

            if (options.UsesPostgresClustering)
            {
                var version = await PostgresMembershipMigrator.ApplyAsync(owner, schema, siloRole, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"migrate: membership tables at version {version}; '{siloRole}' may read and write their rows")
                    .ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await error.WriteLineAsync($"migrate: failed: {exception.Message}").ConfigureAwait(false);
            return Failed;
        }

        await output.WriteLineAsync("migrate: done").ConfigureAwait(false);
        return Succeeded;
    }

    /// <summary>The role named outright, else the user the silos' own connection string logs in as.</summary>
    private static string? SiloRole(IConfiguration configuration, LandFlowOptions options) =>
        configuration[LandFlowSettings.PostgresSiloRole] is { } named && !string.IsNullOrWhiteSpace(named)
            ? named
            : string.IsNullOrWhiteSpace(options.Postgres.ConnectionString)
                ? null
                : new NpgsqlConnectionStringBuilder(options.Postgres.ConnectionString).Username;

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine("migrate: " + message);
        return Misconfigured;
    }
}
