using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>The import of recorded history, called on the grains directly (as the demo seeder and a migration do).</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ProjectImportTests(SharedClusterFixture fixture)
{
    private static readonly DateTimeOffset Registered = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly ActorInfo Approver = ProjectDriver.Officer("development-reform");

    private LandFlowCluster Cluster => fixture.Cluster;

    public static TheoryData<string> NotImporters => new() { Roles.Officer, Roles.Enterprise, Roles.Leader, Roles.Liaison };

    [Theory]
    [MemberData(nameof(NotImporters))]
    public async Task Import_ByNeitherAdministratorNorPlatform_RefusedImportForbiddenAndNothingRegistered(string role)
    {
        var code = ProjectDriver.NewCode();
        var caller = role == Roles.Enterprise ? ProjectDriver.Owner : new ActorInfo("someone", role, Department: "development-reform");

        var reply = await Cluster.Project(code).ImportAsync(NewProject(Approval()), caller);
        var registrar = await Cluster.Client.GetGrain<IProjectRegistrarGrain>(0).ImportAsync(NewProject(Approval()), caller);

        Assert.Equal(Rules.ImportForbidden, reply.Refusal?.Rule);
        Assert.Equal(Rules.ImportForbidden, registrar.Refusal?.Rule);
        Assert.Equal(Rules.NotFound, (await Cluster.Project(code).GetAsync(ProjectDriver.Admin)).Refusal?.Rule);
    }

    [Fact]
    public async Task Import_ByAdministrator_RecordsRegistrationAndActsAtTheirInstantsAndLightsUpToNow()
    {
        var code = ProjectDriver.NewCode();

        var reply = await Cluster.Project(code).ImportAsync(NewProject(Approval()), ProjectDriver.Admin);

        Assert.Null(reply.Refusal);
        Assert.Equal("inProgress", reply.Project!.Steps.Single(s => s.Key == "approval").State);
        Assert.Equal("red", reply.Project.Steps.Single(s => s.Key == "approval").Light);
        var history = (await Cluster.Project(code).GetHistoryAsync(ProjectDriver.Admin)).Items!;
        Assert.Equal(Registered, history[0].At);
        Assert.Equal(EventKinds.Registered, history[0].Kind);
        Assert.Contains(history, e => e.Kind == EventKinds.Start && e.At == Registered.AddHours(2) && e.Actor == Approver.Id);
        Assert.Contains(history, e => e.Kind == EventKinds.Light && e.At > Registered.AddHours(2) && e.At < LandFlowCluster.Start);
    }

    [Fact]
    public async Task Import_ThroughTheRegistrar_IssuesACodeOfTheRegistrationsMonth()
    {
        var county = ProjectDriver.NewCounty();
        var import = new ProjectImport(new ImportedRegistration(ProjectDriver.Registration() with { County = county }, ProjectDriver.Owner, Registered), []);

        var reply = await Cluster.Client.GetGrain<IProjectRegistrarGrain>(0).ImportAsync(import, ActorInfos.System);

        // An unknown county is refused by the registration's rules before any code is issued.
        Assert.Equal(Rules.InvalidRegistration, reply.Refusal?.Rule);
        var known = await Cluster.Client.GetGrain<IProjectRegistrarGrain>(0).ImportAsync(NewProject([]), ActorInfos.System);
        Assert.Null(known.Refusal);
        Assert.StartsWith("2601-", known.Project!.Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ActAfterNow_RefusedImportInFutureAndNothingRegistered()
    {
        var code = ProjectDriver.NewCode();
        ImportedAct[] acts = [.. Approval(), new(LandFlowCluster.Start.AddMinutes(1), Approver, StepActions.Suspend, "approval", "补正")];

        var reply = await Cluster.Project(code).ImportAsync(NewProject(acts), ProjectDriver.Admin);

        Assert.Equal(Rules.ImportInFuture, reply.Refusal?.Rule);
        Assert.Equal(Rules.NotFound, (await Cluster.Project(code).GetAsync(ProjectDriver.Admin)).Refusal?.Rule);
    }

    [Fact]
    public async Task Import_ActTheRulesRefuse_RefusedWithItsRuleAndNothingRegistered()
    {
        var code = ProjectDriver.NewCode();
        ImportedAct[] acts = [.. Approval(), new(Registered.AddHours(3), ProjectDriver.Officer("natural-resources"), StepActions.Complete, "approval")];

        var reply = await Cluster.Project(code).ImportAsync(NewProject(acts), ProjectDriver.Admin);

        Assert.Equal(Rules.WrongDepartment, reply.Refusal?.Rule);
        Assert.Contains("Act 2", reply.Refusal!.Detail, StringComparison.Ordinal);
        Assert.Equal(Rules.NotFound, (await Cluster.Project(code).GetAsync(ProjectDriver.Admin)).Refusal?.Rule);
    }

    [Fact]
    public async Task Import_FurtherActsBeforeWhatTheRecordHolds_RefusedImportOutOfOrderAndNothingChanges()
    {
        var code = ProjectDriver.NewCode();
        Assert.Null((await Cluster.Project(code).ImportAsync(NewProject(Approval()) with { Continues = true }, ProjectDriver.Admin)).Refusal);
        var before = (await Cluster.Project(code).GetHistoryAsync(ProjectDriver.Admin)).Items!.Count;

        var early = await Cluster.Project(code).ImportAsync(
            new ProjectImport(null, [new(Registered.AddHours(1), Approver, StepActions.Suspend, "approval", "补正")]), ActorInfos.System);
        var again = await Cluster.Project(code).ImportAsync(NewProject([]), ProjectDriver.Admin);
        var later = await Cluster.Project(code).ImportAsync(
            new ProjectImport(null, [new(Registered.AddDays(3), Approver, StepActions.Suspend, "approval", "补正材料")]), ActorInfos.System);

        Assert.Equal(Rules.ImportOutOfOrder, early.Refusal?.Rule);
        Assert.Equal(Rules.ProjectExists, again.Refusal?.Rule);
        Assert.Null(later.Refusal);
        var history = (await Cluster.Project(code).GetHistoryAsync(ProjectDriver.Admin)).Items!;
        Assert.Equal(EventKinds.Suspend, history.Last(e => e.Kind != EventKinds.Light).Kind);
        Assert.True(history.Count > before);
    }

    [Fact]
    public async Task LedgerImport_ByNeitherAdministratorNorPlatform_RefusedAndThePoolUnchanged()
    {
        var county = "330503";
        var before = (await Cluster.Ledger(county).GetAsync(ActorInfos.System)).Ledger!;

        var deposit = await Cluster.Ledger(county).ImportAsync(Deposit(ProjectDriver.NewCode(), Registered), ProjectDriver.Officer("natural-resources"));
        var reserve = await Cluster.Ledger(county).ImportAsync(
            new LedgerImport(QuotaMovementKinds.Reserve, Registered, ReservationId: "x#r1", ProjectCode: "x", Amount: new QuotaView(1, 0, 0)), ProjectDriver.Admin);

        Assert.Equal(Rules.RoleForbidden, deposit.Refusal?.Rule);
        Assert.Equal(Rules.RoleForbidden, reserve.Refusal?.Rule);
        Assert.Equal(before, (await Cluster.Ledger(county).GetAsync(ActorInfos.System)).Ledger!, new LedgerViewComparer());
    }

    [Fact]
    public async Task LedgerImport_DepositsAtTheirInstants_InOrderOnly()
    {
        var ledger = Cluster.Client.GetGrain<IQuotaLedgerGrain>("330521");
        // Now is at or after every movement other tests made on this shared pool.
        var now = Cluster.Clock.GetUtcNow();

        var first = await ledger.ImportAsync(Deposit("L-" + Guid.NewGuid().ToString("N")[..8], now), ProjectDriver.Admin);
        var earlier = await ledger.ImportAsync(Deposit("L-" + Guid.NewGuid().ToString("N")[..8], now.AddDays(-30)), ActorInfos.System);
        var future = await ledger.ImportAsync(Deposit("L-" + Guid.NewGuid().ToString("N")[..8], now.AddDays(1)), ActorInfos.System);

        Assert.Null(first.Refusal);
        Assert.Contains(first.Ledger!.Lots, l => l.LotId.StartsWith("L-", StringComparison.Ordinal));
        Assert.Equal(Rules.ImportOutOfOrder, earlier.Refusal?.Rule);
        Assert.Equal(Rules.ImportInFuture, future.Refusal?.Rule);
    }

    private static LedgerImport Deposit(string lotId, DateTimeOffset at) =>
        new(QuotaMovementKinds.Deposit, at, Lot: new DepositLotCommand(lotId, "测试补充耕地项目", 10m, 5m, 6, new DateOnly(2024, 6, 1)));

    private static ProjectImport NewProject(IReadOnlyList<ImportedAct> acts) =>
        new(new ImportedRegistration(ProjectDriver.Registration(), ProjectDriver.Owner, Registered), acts);

    private static ImportedAct[] Approval() =>
    [
        new(Registered.AddHours(1), ProjectDriver.Owner, ProjectImports.SubmitDocument, Document: "project-proposal"),
        new(Registered.AddHours(2), Approver, StepActions.Start, "approval"),
    ];

    /// <summary>Ledger views hold lists, so records compare by reference; this compares their JSON.</summary>
    private sealed class LedgerViewComparer : IEqualityComparer<LedgerView>
    {
        public bool Equals(LedgerView? x, LedgerView? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(LedgerView obj) => 0;
    }
}
