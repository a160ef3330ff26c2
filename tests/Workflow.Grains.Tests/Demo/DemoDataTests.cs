using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Hosting;
using Workflow.Storage;
using Xunit.Abstractions;

namespace Workflow.Grains.Tests;

/// <summary>One cluster seeded with the demo data, shared by the tests that only read it.</summary>
public sealed class SeededClusterFixture : IAsyncLifetime
{
    public LandFlowCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await SeededStore.StartAsync();

    public async Task DisposeAsync()
    {
        if (Cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }
    }
}

public sealed class DemoDataTests(SeededClusterFixture fixture, ITestOutputHelper output) : IClassFixture<SeededClusterFixture>
{
    private static readonly ActorInfo Admin = new("admin", Roles.Admin);

    private LandFlowCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Seed_SameSeedTwice_WritesIdenticalStreams()
    {
        SortedDictionary<string, string> first;
        SortedDictionary<string, string> second;
        await using (var one = await SeededStore.StartAsync())
        {
            first = await SeededStore.StreamsAsync(one);
        }

        await using (var two = await SeededStore.StartAsync())
        {
            second = await SeededStore.StreamsAsync(two);
        }

        Assert.Equal(first.Keys, second.Keys);
        foreach (var (stream, stored) in first)
        {
            Assert.Equal(stored, second[stream]);
        }
    }

    [Fact]
    public async Task Seed_FreshStore_WritesAbout200ProjectsInEveryCounty()
    {
        var projects = await SeededStore.ProjectsAsync(Cluster);

        Assert.InRange(projects.Count, 180, 220);
        Assert.Equal(Counties.Huzhou.Select(c => c.Code).Order(), projects.Select(p => p.County).Distinct().Order());
        output.WriteLine(string.Join(", ", projects.GroupBy(p => p.State).Select(g => $"{g.Key} {g.Count()}")));
        output.WriteLine(string.Join(", ", projects.GroupBy(p => p.County).Select(g => $"{g.Key} {g.Count()}")));
    }

    [Fact]
    public async Task Seed_Histories_StartOneToFourteenMonthsAgoAndNeverRunPastNowOrTheClosing()
    {
        var now = LandFlowCluster.Start;

        foreach (var state in await SeededStore.StatesAsync(Cluster))
        {
            var history = await Cluster.Store.ReadEventsAsync(ProjectStreams.For(state.Code));
            Assert.InRange(state.RegisteredAt, now.AddMonths(-14), now.AddMonths(-1));
            Assert.Equal(history.Select(e => e.At).Order(), history.Select(e => e.At));
            Assert.All(history, e => Assert.True(e.At <= now, $"{state.Code} #{e.Seq} is after now."));
            Assert.All(history, e => Assert.True(state.ClosedAt is null || e.At <= state.ClosedAt, $"{state.Code} #{e.Seq} is after its closing."));
        }
    }

    [Fact]
    public async Task Seed_FreshStore_LeavesEveryLal2020StepOpenSomewhere()
    {
        var states = await SeededStore.StatesAsync(Cluster);
        var lal = TemplateCatalog.Embedded().ForApplication(new DateOnly(2026, 1, 1));

        var open = states.Where(s => s.TemplateId == lal.Id).SelectMany(s => s.Steps.Where(step => step.IsOpen)).ToList();

        // Steps held only for holdouts (the compensation decision and its payment) exist only where agreements left some.
        Assert.All(lal.Steps.Where(s => s.HeldWhen is null), step => Assert.Contains(open, o => o.Key == step.Key));
        Assert.Contains(open, o => o.Status == StepStatus.Suspended);
        Assert.Contains(open, o => o.Status == StepStatus.Ready);
        output.WriteLine(string.Join(", ", open.GroupBy(o => o.Key).Select(g => $"{g.Key} {g.Count()}")));
    }

    [Fact]
    public async Task Seed_AtNow_ShowsYellowAndRedFromElapsedTime()
    {
        var open = (await SeededStore.ProjectsAsync(Cluster)).Where(p => p.State is "active" or "approved").ToList();

        var yellow = open.Count(p => p.Light == "yellow");
        var red = open.Count(p => p.Light == "red");

        output.WriteLine($"{open.Count} open: {yellow} yellow, {red} red");
        Assert.InRange(yellow, open.Count / 10, open.Count / 4);
        Assert.InRange(red, open.Count / 10, open.Count / 4);
    }

    [Fact]
    public async Task Seed_FreshStore_HasProjectsInEveryEndState()
    {
        var states = await SeededStore.StatesAsync(Cluster);

        Assert.Contains(states, s => s.Status == ProjectStatus.Completed);
        Assert.Contains(states, s => s.Status == ProjectStatus.Approved);
        Assert.Contains(states, s => s.Status == ProjectStatus.Withdrawn);
        Assert.Contains(states, s => s.Status == ProjectStatus.Rejected && s.FindStep("filing")?.Status == StepStatus.Rejected
            && s.Balance.Status == BalanceStatus.Released);
        Assert.InRange(states.Count(s => s.TemplateId == "LEGACY_2004"), 5, 10);
    }

    [Fact]
    public async Task Seed_Ledgers_HoldWhatWasDepositedAndMatchTheProjects()
    {
        var states = await SeededStore.StatesAsync(Cluster);

        Assert.All(states, s => Assert.Null(s.PendingReservation));
        Assert.All(states, s => Assert.Empty(s.PendingLedgerOperations));
        foreach (var county in Counties.Huzhou)
        {
            var ledger = (await Cluster.Ledger(county.Code).GetAsync(ProjectDriver.Platform)).Ledger!;
            Assert.NotEmpty(ledger.Lots);
            Assert.Equal(ledger.Deposited.AreaMu, ledger.Available.AreaMu + ledger.Reserved.AreaMu + ledger.Consumed.AreaMu);
            Assert.Equal(ledger.Deposited.PaddyMu, ledger.Available.PaddyMu + ledger.Reserved.PaddyMu + ledger.Consumed.PaddyMu);
            Assert.Equal(ledger.Deposited.CapacityKg, ledger.Available.CapacityKg + ledger.Reserved.CapacityKg + ledger.Consumed.CapacityKg);
            Assert.Equal(SumAllocated(states, county.Code, BalanceStatus.Reserved), ProjectViews.Amount(ledger.Reserved));
            Assert.Equal(SumAllocated(states, county.Code, BalanceStatus.Consumed), ProjectViews.Amount(ledger.Consumed));
            var stored = CountyQuotaLedger.FromJson((await Cluster.Store.LoadAsync(QuotaStreams.Ledger(county.Code)))!.StateJson);
            Assert.Empty(stored.FindInvariantViolations());
            Assert.Empty(stored.FindArchiveViolations(await QuotaLedgerCommits.ReadArchiveAsync(Cluster.Store, county.Code)));
            Assert.All(stored.State.Reservations.Values, r => Assert.Equal(ReservationStatus.Reserved, r.Status));
        }
    }

    [Fact]
    public async Task Seed_CodeAllocator_ContinuesAfterTheSeededSerials()
    {
        var seeded = (await SeededStore.ProjectsAsync(Cluster)).Select(p => ProjectCode.Parse(p.Code)).ToList();

        foreach (var county in Counties.Huzhou)
        {
            var code = ProjectCode.Parse(await Cluster.Client.GetGrain<IProjectCodeAllocatorGrain>(county.Code).NextCodeAsync("05"));

            Assert.Equal(seeded.Where(c => c.RegionCode == county.Code).Max(c => c.Serial) + 1, code.Serial);
            Assert.DoesNotContain(seeded, c => c.Value == code.Value);
        }
    }

    [Fact]
    public async Task Seed_SeededProject_LoadsThroughItsGrainAndAnOfficerCanStartAReadyStep()
    {
        var states = await SeededStore.StatesAsync(Cluster);
        var templates = TemplateCatalog.Embedded();
        var (state, step) = states
            .Where(s => s.Status == ProjectStatus.Active)
            .SelectMany(s => s.Steps.Where(x => x.Status == StepStatus.Received).Select(x => (State: s, Step: x)))
            .First(x => templates.Get(x.State.TemplateId, x.State.TemplateVersion).Step(x.Step.Key) is { OnRequest: null } definition
                && definition.Documents.All(d => x.State.SubmittedDocuments.Contains(d.Key)));
        var grain = Cluster.Project(state.Code);
        var officer = DemoUsers.All.First(u => u.Role == Roles.Officer && u.Department == step.Department && u.County is null);

        var loaded = await grain.GetAsync(Admin);
        var started = await grain.ActAsync(new StepActionCommand(step.Key, StepActions.Start, null, null), new ActorInfo(officer.Id, officer.Role, Department: officer.Department));

        Assert.Equal(state.Name, loaded.Project!.Name);
        Assert.Equal("received", loaded.Project.Steps.Single(s => s.Key == step.Key).State);
        Assert.Null(started.Refusal);
        Assert.Equal("inProgress", started.Project!.Steps.Single(s => s.Key == step.Key).State);
    }

    [Fact]
    public async Task Seed_ClockMovesOn_SchedulerRecordsALightChangeWithoutARequest()
    {
        await using var cluster = await SeededStore.StartAsync();
        var deadlines = cluster.SiloServices.GetRequiredService<IDeadlineStore>();
        var next = (await deadlines.NextAsync())!.Value;
        var stream = (await deadlines.DueAsync(next, 1)).Single().StreamId;
        var before = (await cluster.Store.ReadEventsAsync(stream)).Count(e => e.Kind == EventKinds.Light);

        Assert.True(next > cluster.Clock.GetUtcNow(), "No seeded deadline may be due already.");
        cluster.Clock.SetUtcNow(next);
        await cluster.Deadlines.SweepAsync();

        var lights = (await cluster.Store.ReadEventsAsync(stream)).Where(e => e.Kind == EventKinds.Light).ToList();
        Assert.Equal(before + 1, lights.Count);
        Assert.Equal(next, lights[^1].At);
        Assert.Equal("system", lights[^1].Actor);
    }

    [Fact]
    public async Task Seed_SecondStartOnTheSameStore_AddsNothing()
    {
        var directory = Directory.CreateTempSubdirectory("landflow-demo-restart-").FullName;
        SortedDictionary<string, string> seeded;
        await using (var first = await SeededStore.StartAsync(directory, ownsDirectory: false))
        {
            seeded = await SeededStore.StreamsAsync(first);
        }

        await using var second = await SeededStore.StartAsync(directory, ownsDirectory: true);
        var again = await SeededStore.StreamsAsync(second);

        Assert.Equal(seeded, again);
        Assert.Equal(SeededStore.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await second.SiloServices.GetRequiredService<ISettingsStore>().GetAsync(DemoDataSeeder.SeededKey));
    }

    private static QuotaAmount SumAllocated(IEnumerable<ProjectState> states, string county, BalanceStatus status) =>
        states.Where(s => s.Balance.Status == status)
            .SelectMany(s => s.Balance.Allocations.Where(a => a.County == county))
            .Aggregate(QuotaAmount.Zero, (sum, a) => sum + a.Amount);
}

public sealed class DemoLayoutTests
{
    /// <summary>The demo reaches the store only through grain calls: its assembly references no store assembly, so no
    /// demo code can write to <c>IAggregateStore</c> or <c>IProjectIndex</c> (or read them) directly.</summary>
    [Fact]
    public void DemoAssembly_References_NoStoreAssembly()
    {
        var references = typeof(DemoDataSeeder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Workflow.Contracts", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Workflow.Storage", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal));
    }
}
