using System.Text.Json.Nodes;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

/// <summary>Builds registrations and walks a project's steps through its grain, as the officers would.</summary>
public sealed class ProjectDriver(LandFlowCluster cluster, string code)
{
    public const string OwnerUscc = "91330500MA2JTR010T";

    private static int serial = 100;
    private static int county = 990_000;

    public static readonly ActorInfo Owner = new("ent-rail", Roles.Enterprise, Uscc: OwnerUscc);
    public static readonly ActorInfo Admin = new("admin", Roles.Admin);
    public static readonly ActorInfo Leader = new("leader-li", Roles.Leader);

    /// <summary>The platform, as a project or transfer grain calls the ledgers.</summary>
    public static readonly ActorInfo Platform = ActorInfos.System;

    public string Code { get; } = code;

    public IProjectGrain Grain => cluster.Project(Code);

    public static string NewCode(string county = "330502") =>
        ProjectCode.Create(new DateOnly(2026, 3, 1), county, "01", Interlocked.Increment(ref serial)).Value;

    public static RegisterProjectCommand Registration(
        string county = "330502",
        decimal areaMu = 200m,
        decimal cultivatedMu = 100m,
        decimal paddyMu = 40m,
        int grade = 7,
        int households = 10) =>
        new("湖州测试项目", OwnerUscc, county, "rail", Tracks.Batch, areaMu, cultivatedMu, paddyMu, grade, false, households,
            SupplyModes.Allocation, null, false, null, null);

    /// <summary>A county code no other test uses, for a ledger, an allocator or a project of a test's own.</summary>
    public static string NewCounty() => Interlocked.Increment(ref county).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ActorInfo Officer(string department) => new("off-" + department, Roles.Officer, Department: department);

    public static async Task<ProjectDriver> RegisterAsync(LandFlowCluster cluster, RegisterProjectCommand? command = null)
    {
        var registration = command ?? Registration();
        var driver = new ProjectDriver(cluster, NewCode(registration.County));
        var reply = await driver.Grain.RegisterAsync(registration, Owner);
        Assert.Null(reply.Refusal);
        return driver;
    }

    public async Task<ProjectView> StatusAsync() => (await Grain.GetAsync(Admin)).Project!;

    public async Task<ProjectReply> TryAsync(string step, string action, JsonObject? facts = null, string? reason = null, ActorInfo? actor = null)
    {
        var department = (await StatusAsync()).Steps.Single(s => s.Key == step).Department;
        return await Grain.ActAsync(new StepActionCommand(step, action, reason, facts?.ToJsonString()), actor ?? Officer(department));
    }

    public async Task<ProjectView> DoAsync(string step, string action, JsonObject? facts = null, string? reason = null)
    {
        var reply = await TryAsync(step, action, facts, reason);
        Assert.True(reply.Refusal is null, $"{action} {step}: {reply.Refusal}");
        return reply.Project!;
    }

    public async Task SubmitAllDocumentsAsync()
    {
        foreach (var missing in (await StatusAsync()).MissingDocuments)
        {
            Assert.Null((await Grain.SubmitDocumentAsync(missing.Key, Owner)).Refusal);
        }
    }

    /// <summary>Starts and completes a step, moving the fake clock past any minimum period.</summary>
    public async Task FinishAsync(string step, JsonObject? facts = null)
    {
        var started = await DoAsync(step, StepActions.Start);
        if (started.Steps.Single(s => s.Key == step).EarliestCompletionAt is { } earliest && earliest > cluster.Clock.GetUtcNow())
        {
            cluster.Clock.SetUtcNow(earliest);
        }

        await DoAsync(step, StepActions.Complete, facts);
    }

    /// <summary>Walks the project to the farmland balance step, started and ready to reserve.</summary>
    public async Task ToFarmlandBalanceAsync()
    {
        await SubmitAllDocumentsAsync();
        await FinishAsync("approval");
        await DoAsync("farmland_balance", StepActions.Start);
    }

    public Task<ProjectReply> ReserveAsync(params string[] counties) =>
        TryAsync("farmland_balance", StepActions.Reserve, counties.Length == 0 ? null : new JsonObject { ["counties"] = new JsonArray([.. counties.Select(c => (JsonNode?)c)]) });

    /// <summary>Walks every step before the filing, reserving quota from the project's county.</summary>
    public async Task ReadyForFilingAsync()
    {
        await ToFarmlandBalanceAsync();
        Assert.Null((await ReserveAsync()).Refusal);
        await DoAsync("farmland_balance", StepActions.Complete);
        foreach (var step in new[] { "pre_announcement", "survey", "risk_assessment" })
        {
            await FinishAsync(step);
        }

        await FinishAsync("compensation_plan", new JsonObject { ["totalYuan"] = 8_000_000 });
        await FinishAsync("registration");
        await FinishAsync("plan_announcement", new JsonObject { ["members"] = 120, ["objecting"] = 0 });

        var households = (await StatusAsync()).Facts.Households;
        await FinishAsync("agreements", new JsonObject { ["signedHouseholds"] = households });
        await FinishAsync("funds", new JsonObject { ["depositedYuan"] = 8_000_000 });
    }
}
