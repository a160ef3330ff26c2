using System.Text.Json;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>Each role rule of API.md, asked of the grains directly (no HTTP): the same named refusal the gateway answers
/// with, and nothing changed. Gateway.Tests asks the same over HTTP.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ProjectRoleRuleTests(SharedClusterFixture fixture)
{
    private static readonly ActorInfo Officer = new("off-nr", Roles.Officer, Department: "natural-resources");
    private static readonly ActorInfo OtherEnterprise = new("ent-park", Roles.Enterprise, Uscc: "91330522MA2KPK020P");
    private static readonly ActorInfo Liaison = new("liaison-chen", Roles.Liaison);

    private LandFlowCluster Cluster => fixture.Cluster;

    private IProjectRegistrarGrain Registrar => Cluster.Client.GetGrain<IProjectRegistrarGrain>(0);

    [Fact]
    public async Task Register_ByAnOfficer_IsRoleForbiddenAndRegistersNothing()
    {
        var code = ProjectDriver.NewCode();

        var reply = await Registrar.RegisterAsync(ProjectDriver.Registration() with { Code = code }, Officer);

        AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        AssertRefused((await Cluster.Project(code).GetAsync(ProjectDriver.Admin)).Refusal, RefusalKind.NotFound, Rules.NotFound);
    }

    [Fact]
    public async Task Register_EnterpriseForAnother_IsNotYourEnterprise()
    {
        var code = ProjectDriver.NewCode();

        var reply = await Registrar.RegisterAsync(ProjectDriver.Registration() with { Code = code }, OtherEnterprise);

        // An enterprise may not name a code at all: the field rule comes first.
        AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RegistrationFieldForbidden);
        var withoutCode = await Registrar.RegisterAsync(ProjectDriver.Registration(), OtherEnterprise);
        AssertRefused(withoutCode.Refusal, RefusalKind.Forbidden, Rules.NotYourEnterprise);
        AssertRefused((await Cluster.Project(code).GetAsync(ProjectDriver.Admin)).Refusal, RefusalKind.NotFound, Rules.NotFound);
    }

    public static TheoryData<string, RegisterProjectCommand> AdminOnlyFields => new()
    {
        { "code", ProjectDriver.Registration() with { Code = ProjectDriver.NewCode() } },
        { "appliedOn", ProjectDriver.Registration() with { AppliedOn = new DateOnly(2018, 4, 2) } },
        { "liaison", ProjectDriver.Registration() with { Liaison = "liaison-chen" } },
    };

    [Theory]
    [MemberData(nameof(AdminOnlyFields))]
    public async Task Register_EnterpriseSettingAnAdminOnlyField_IsForbiddenNamingIt(string field, RegisterProjectCommand command)
    {
        var reply = await Registrar.RegisterAsync(command, ProjectDriver.Owner);

        AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RegistrationFieldForbidden);
        Assert.Contains($"'{field}'", reply.Refusal!.Detail, StringComparison.Ordinal);
        if (command.Code is { } code)
        {
            AssertRefused((await Cluster.Project(code).GetAsync(ProjectDriver.Admin)).Refusal, RefusalKind.NotFound, Rules.NotFound);
        }
    }

    [Fact]
    public async Task Register_ProjectGrainDirectlyWithAnAdminOnlyField_IsForbiddenToo()
    {
        var code = ProjectDriver.NewCode();

        var reply = await Cluster.Project(code).RegisterAsync(ProjectDriver.Registration() with { Code = code }, ProjectDriver.Owner);

        AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RegistrationFieldForbidden);
        Assert.Null(await Cluster.Store.LoadAsync(ProjectStreams.For(code)));
    }

    [Fact]
    public async Task Register_AppliedOnBeforeTheLaw_IsInvalidNotAFault()
    {
        var reply = await Registrar.RegisterAsync(ProjectDriver.Registration() with { AppliedOn = new DateOnly(1998, 12, 31) }, ProjectDriver.Admin);

        AssertRefused(reply.Refusal, RefusalKind.Invalid, Rules.AppliedOnOutOfRange);
    }

    [Fact]
    public async Task Register_AdminMigrating2018Project_GetsLegacy2004AndItsLiaison()
    {
        var reply = await Registrar.RegisterAsync(
            ProjectDriver.Registration() with { AppliedOn = new DateOnly(2018, 4, 2), Liaison = "liaison-chen" }, ProjectDriver.Admin);

        Assert.Null(reply.Refusal);
        Assert.Equal("LEGACY_2004", reply.Project!.Template.Id);
        Assert.Equal("liaison-chen", reply.Project.Liaison);
        Assert.Equal(new DateOnly(2018, 4, 2), reply.Project.Facts.AppliedOn);
    }

    [Fact]
    public async Task Register_AdminNamingAnUnknownLiaison_IsUnknownLiaison()
    {
        var code = ProjectDriver.NewCode();

        var reply = await Registrar.RegisterAsync(ProjectDriver.Registration() with { Code = code, Liaison = "off-nr" }, ProjectDriver.Admin);

        AssertRefused(reply.Refusal, RefusalKind.Invalid, Rules.UnknownLiaison);
        Assert.Null(await Cluster.Store.LoadAsync(ProjectStreams.For(code)));
    }

    [Fact]
    public async Task Act_ByANonOfficer_IsRoleForbiddenAndChangesNothing()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var before = await SnapshotAsync(project);

        var reply = await project.TryAsync("approval", StepActions.Start, actor: ProjectDriver.Leader);

        AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        Assert.Equal(before, await SnapshotAsync(project));
    }

    [Fact]
    public async Task SubmitDocument_ByANonOwner_IsOwnerOnlyAndChangesNothing()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var before = await SnapshotAsync(project);
        var key = (await project.StatusAsync()).MissingDocuments[0].Key;

        var reply = await project.Grain.SubmitDocumentAsync(key, ProjectDriver.Admin);

        AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.OwnerOnly);
        Assert.Equal(before, await SnapshotAsync(project));
    }

    [Fact]
    public async Task Withdraw_ByAnOfficer_IsOwnerOnlyAndChangesNothing()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var before = await SnapshotAsync(project);

        var reply = await project.Grain.WithdrawAsync("不再需要", Officer);

        AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.OwnerOnly);
        Assert.Equal(before, await SnapshotAsync(project));
    }

    [Fact]
    public async Task Read_ByAnotherEnterpriseOrAnUnassignedLiaison_IsNotFound()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);

        AssertRefused((await project.Grain.GetAsync(OtherEnterprise)).Refusal, RefusalKind.NotFound, Rules.NotFound);
        AssertRefused((await project.Grain.GetHistoryAsync(Liaison)).Refusal, RefusalKind.NotFound, Rules.NotFound);
    }

    [Fact]
    public async Task AssignLiaison_ByTheOwner_IsRoleForbiddenAndChangesNothing()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var before = await SnapshotAsync(project);

        var reply = await project.Grain.AssignLiaisonAsync("liaison-chen", ProjectDriver.Owner);

        AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        Assert.Equal(before, await SnapshotAsync(project));
    }

    [Fact]
    public async Task AssignLiaison_NotALiaison_IsUnknownLiaisonAndChangesNothing()
    {
        var project = await ProjectDriver.RegisterAsync(Cluster);
        var before = await SnapshotAsync(project);

        var reply = await project.Grain.AssignLiaisonAsync("off-finance", ProjectDriver.Leader);

        AssertRefused(reply.Refusal, RefusalKind.Invalid, Rules.UnknownLiaison);
        Assert.Equal(before, await SnapshotAsync(project));
        Assert.Null((await project.Grain.AssignLiaisonAsync("liaison-chen", ProjectDriver.Leader)).Refusal);
    }

    [Fact]
    public async Task Catalog_MalformedFilter_IsInvalidListFilter()
    {
        var reply = await Cluster.Client.GetGrain<IProjectCatalogGrain>(0).QueryAsync(
            new ProjectListQuery(null, null, "purple", null, null, 1, 20), ProjectDriver.Admin);

        AssertRefused(reply.Refusal, RefusalKind.Invalid, Rules.InvalidListFilter);
    }

    internal static void AssertRefused(Refusal? refusal, RefusalKind kind, string rule)
    {
        Assert.NotNull(refusal);
        Assert.Equal((kind, rule), (refusal.Kind, refusal.Rule));
    }

    /// <summary>The project as an administrator reads it, with its history and stored version.</summary>
    internal static async Task<string> SnapshotAsync(ProjectDriver project) =>
        JsonSerializer.Serialize(await project.Grain.GetAsync(ProjectDriver.Admin))
        + JsonSerializer.Serialize((await project.Grain.GetHistoryAsync(ProjectDriver.Admin)).Items);
}
