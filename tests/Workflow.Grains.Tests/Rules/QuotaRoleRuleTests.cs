using System.Text.Json;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>Each quota rule, asked of the ledger and transfer grains directly: the same named refusal as over HTTP, and
/// the ledger's totals and lots as they were.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class QuotaRoleRuleTests(SharedClusterFixture fixture)
{
    private static readonly ActorInfo CountyOfficer = new("off-nr-changxing", Roles.Officer, Department: "natural-resources", County: "330522");
    private static readonly ActorInfo Officer = new("off-nr", Roles.Officer, Department: "natural-resources");

    private LandFlowCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Read_ByAnEnterprise_IsRoleForbiddenAndShowsNothing()
    {
        var reply = await Cluster.Ledger("330502").GetAsync(ProjectDriver.Owner);

        ProjectRoleRuleTests.AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        Assert.Null(reply.Ledger);
    }

    [Fact]
    public async Task Read_ByACountyOfficer_OnlyTheirCounty()
    {
        var other = await Cluster.Ledger("330502").GetAsync(CountyOfficer);

        ProjectRoleRuleTests.AssertRefused(other.Refusal, RefusalKind.Forbidden, Rules.QuotaCountyForbidden);
        Assert.Null(other.Ledger);
        Assert.Null((await Cluster.Ledger("330522").GetAsync(CountyOfficer)).Refusal);
    }

    [Fact]
    public async Task Read_UnknownCounty_IsNotFound() =>
        ProjectRoleRuleTests.AssertRefused((await Cluster.Ledger("999999").GetAsync(ProjectDriver.Admin)).Refusal, RefusalKind.NotFound, Rules.NotFound);

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Officer)]
    [InlineData(Roles.Enterprise)]
    public async Task Deposit_NotAnAdmin_IsRoleForbiddenAndChangesNothing(string role)
    {
        var before = await LedgerAsync("330521");

        var reply = await Cluster.Ledger("330521").DepositLotAsync(Lot("NOT-ADMIN-" + role), new ActorInfo("someone", role));

        ProjectRoleRuleTests.AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        Assert.Equal(before, await LedgerAsync("330521"));
    }

    [Fact]
    public async Task Transfer_NotAnAdmin_IsRoleForbiddenAndChangesNothing()
    {
        Assert.Null((await Cluster.Ledger("330523").DepositLotAsync(Lot("TRANSFER-SOURCE"), ProjectDriver.Admin)).Refusal);
        var from = await LedgerAsync("330523");
        var to = await LedgerAsync("330503");
        var command = new TransferCommand("T-" + Guid.NewGuid().ToString("N"), "330523", "330503", 10m, 1m, 1000m, "李局长");

        var reply = await Cluster.Client.GetGrain<IQuotaTransferGrain>(command.TransferId).ExecuteAsync(command, ProjectDriver.Leader);

        ProjectRoleRuleTests.AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        Assert.Equal(from, await LedgerAsync("330523"));
        Assert.Equal(to, await LedgerAsync("330503"));
        Assert.Null(await Cluster.Store.LoadAsync(QuotaStreams.Transfer(command.TransferId)));
    }

    [Fact]
    public async Task ReserveConsumeReleaseAndTransferParts_ByAPerson_AreRoleForbiddenAndChangeNothing()
    {
        Assert.Null((await Cluster.Ledger("330521").DepositLotAsync(Lot("DIRECT-" + Guid.NewGuid().ToString("N")), ProjectDriver.Admin)).Refusal);
        var before = await LedgerAsync("330521");
        var ledger = Cluster.Ledger("330521");
        var transfer = new TransferCommand("T-direct", "330521", "330502", 1m, 0m, 0m, "admin");

        ProjectRoleRuleTests.AssertRefused((await ledger.ReserveAsync("R-direct", "P", new QuotaView(1m, 0m, 0m), ProjectDriver.Admin)).Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        ProjectRoleRuleTests.AssertRefused((await ledger.ConsumeAsync("R-direct", ProjectDriver.Admin)).Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        ProjectRoleRuleTests.AssertRefused((await ledger.ReleaseAsync("R-direct", Officer)).Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        ProjectRoleRuleTests.AssertRefused((await ledger.TransferOutAsync(transfer, ProjectDriver.Admin)).Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        ProjectRoleRuleTests.AssertRefused((await ledger.TransferInAsync(transfer, [], ProjectDriver.Admin)).Refusal, RefusalKind.Forbidden, Rules.RoleForbidden);
        Assert.Equal(before, await LedgerAsync("330521"));
    }

    [Fact]
    public async Task Reserve_CountyOfficerNamingAnotherCountysPool_IsQuotaCountyForbiddenAndChangesNothing()
    {
        Assert.Null((await Cluster.Ledger("330502").DepositLotAsync(Lot("OTHER-COUNTY-" + Guid.NewGuid().ToString("N")), ProjectDriver.Admin)).Refusal);
        var project = await ProjectDriver.RegisterAsync(Cluster, ProjectDriver.Registration("330522"));
        await project.ToFarmlandBalanceAsync();
        var own = await LedgerAsync("330522");
        var other = await LedgerAsync("330502");
        var before = await ProjectRoleRuleTests.SnapshotAsync(project);

        var reply = await project.Grain.ActAsync(
            new StepActionCommand("farmland_balance", StepActions.Reserve, null, """{"counties":["330502"]}"""), CountyOfficer);

        ProjectRoleRuleTests.AssertRefused(reply.Refusal, RefusalKind.Forbidden, Rules.QuotaCountyForbidden);
        Assert.Equal(before, await ProjectRoleRuleTests.SnapshotAsync(project));
        Assert.Equal(own, await LedgerAsync("330522"));
        Assert.Equal(other, await LedgerAsync("330502"));
    }

    private async Task<string> LedgerAsync(string county) =>
        JsonSerializer.Serialize((await Cluster.Ledger(county).GetAsync(ProjectDriver.Admin)).Ledger);

    private static DepositLotCommand Lot(string id) => new(id, "土地整治", 100m, 20m, 5, new DateOnly(2025, 6, 1));
}
