using k8s.Models;
using Workflow.ServiceDefaults;

namespace Workflow.K8s.Tests;

/// <summary>
/// Least privilege in the database (docs/postgres.md, "Roles"): the silo pods' init container migrates as the schema's
/// owner and is the only container given the owner's credential; the silo containers connect as the restricted role;
/// the gateways hold no database credential at all.
/// </summary>
public sealed class DatabaseRolesTests
{
    private const string OwnerSecret = "landflow-migration";
    private const string PostgresSecret = "landflow-postgres";
    private static readonly string MigrationVariable = Env(LandFlowSettings.PostgresMigrationConnectionString);
    private static readonly string ConnectionVariable = Env(LandFlowSettings.PostgresConnectionString);
    private static readonly IReadOnlyList<ManifestObject> Objects = Manifests.Load().LoadStrict();

    [Fact]
    public void SiloPods_MigrateInitContainer_RunsMigrateWithTheOwnersSecret()
    {
        var migrate = Assert.Single(Objects.LandFlowContainers(), c => c.IsInit);
        var silo = Assert.Single(Objects.LandFlowContainers(), c => !c.IsInit && c.Process == LandFlowProcess.Silo);
        var passed = Objects.PassedVariables(migrate.Container, []);

        Assert.Equal(LandFlowProcess.Silo, migrate.Process);
        Assert.Equal(silo.Container.Image, migrate.Container.Image);
        Assert.Equal(["migrate"], migrate.Container.Args ?? []);
        Assert.Null(migrate.Container.Command);
        Assert.Equal(OwnerSecret, migrate.Container.Env.Single(e => e.Name == MigrationVariable).ValueFrom?.SecretKeyRef?.Name);
        Assert.Equal("postgres", passed.Single(v => v.Name == Env(LandFlowSettings.Storage)).Value);
        Assert.Equal("postgres", passed.Single(v => v.Name == Env(LandFlowSettings.Clustering)).Value);
    }

    [Fact]
    public void SiloPods_MigrateInitContainer_GrantsTheRoleOfTheSilosConnectionString()
    {
        var migrate = Assert.Single(Objects.LandFlowContainers(), c => c.IsInit);
        var role = Objects.PassedVariables(migrate.Container, []).Single(v => v.Name == Env(LandFlowSettings.PostgresSiloRole)).Value;
        var silos = ConnectionStringUser("landflow-secrets", ConnectionVariable);

        Assert.Equal(silos, role);
        Assert.NotEqual(ConnectionStringUser(OwnerSecret, MigrationVariable), role);
        Assert.DoesNotContain(Objects.PassedVariables(migrate.Container, []), v => v.Name == ConnectionVariable);
    }

    [Fact]
    public void PostgresInitScript_CreatesTheSilosRoleWithoutPrivileges()
    {
        var script = Assert.Single(((V1ConfigMap)Objects.Single<V1ConfigMap>("landflow-postgres-init").Resource).Data).Value;
        var role = ConnectionStringUser("landflow-secrets", ConnectionVariable);

        Assert.Contains($"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE", script, StringComparison.Ordinal);
    }

    [Fact]
    public void SiloContainers_OwnerCredential_Absent()
    {
        var silos = Objects.LandFlowContainers().Where(c => !c.IsInit && c.Process == LandFlowProcess.Silo).ToList();

        Assert.NotEmpty(silos);
        Assert.All(silos, silo =>
        {
            Assert.DoesNotContain(Objects.PassedVariables(silo.Container, []), v => v.Name == MigrationVariable);
            Assert.DoesNotContain(OwnerSecret, SecretsReadBy(silo));
            Assert.DoesNotContain(PostgresSecret, SecretsReadBy(silo));
        });
    }

    [Fact]
    public void GatewayContainers_DatabaseCredentials_None()
    {
        var gateways = Objects.LandFlowContainers().Where(c => c.Process == LandFlowProcess.Gateway).ToList();

        Assert.NotEmpty(gateways);
        Assert.All(gateways, gateway =>
        {
            Assert.DoesNotContain(Objects.PassedVariables(gateway.Container, []), v => v.Name.Contains("Postgres", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(OwnerSecret, SecretsReadBy(gateway));
            Assert.DoesNotContain(PostgresSecret, SecretsReadBy(gateway));
        });
    }

    private static string Env(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Every Secret a container's pod hands it: by variable, by envFrom, or as a mounted volume.</summary>
    private static HashSet<string> SecretsReadBy(LandFlowContainer landFlow)
    {
        var container = landFlow.Container;
        var mounted = (container.VolumeMounts ?? []).Select(m => landFlow.Template.Spec.Volumes.Single(v => v.Name == m.Name).Secret?.SecretName);
        return (container.EnvFrom ?? []).Select(e => e.SecretRef?.Name)
            .Concat((container.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef?.Name))
            .Concat(mounted)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    private static string ConnectionStringUser(string secret, string key) =>
        ((V1Secret)Objects.Single<V1Secret>(secret).Resource).StringData[key].Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Single(pair => string.Equals(pair[0].Trim(), "Username", StringComparison.OrdinalIgnoreCase))[1].Trim();
}
