using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>The homestead approval and the rectification of an enforcement finding, run over HTTP on the template files
/// HOMESTEAD.v1.json and RECTIFICATION.v1.json: the steps and departments the status reports are the files'.</summary>
public sealed class ProcedureTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string CollectiveUscc = "N2330502MF0LHC010N";
    private const string ParkUscc = "91330522MA2KPK020P";

    private readonly LandFlowApi api = new(gateway);

    public static JsonObject Homestead(decimal area = 118m, bool holds = false, string uscc = CollectiveUscc) => new()
    {
        ["procedure"] = "homestead",
        ["name"] = "莲花村 王某某 宅基地申请",
        ["ownerUscc"] = uscc,
        ["county"] = "330502",
        ["facts"] = new JsonObject
        {
            ["household"] = "WX-LH-0231",
            ["plotAreaM2"] = area,
            ["landKind"] = "cultivated",
            ["holdsHomestead"] = holds,
            ["soldOrLetHouse"] = false,
        },
    };

    public static JsonObject Rectification() => new()
    {
        ["procedure"] = "rectification",
        ["name"] = "长兴某公司未批先建整改",
        ["ownerUscc"] = ParkUscc,
        ["county"] = "330522",
        ["areaMu"] = 3.5,
        ["cultivatedMu"] = 1.2,
        ["facts"] = new JsonObject { ["violation"] = "unapproved-occupation", ["caseNumber"] = "长自然资执立〔2026〕17号" },
    };

    [Fact]
    public async Task Homestead_WholeProcedureOverHttp_ApprovedByTheTownshipOnTheTemplateFilesSteps()
    {
        var code = await api.RegisterAsync(Homestead(), user: "col-lianhua");

        var registered = await api.StatusAsync(code, "col-lianhua");
        Assert.Equal("HOMESTEAD", registered["template"]!["id"]!.GetValue<string>());
        Assert.Equal("90", code.Substring(15, 2));
        Assert.Equal(("township", "not-applicable"), (registered["approvalLevel"]!.GetValue<string>(), registered["balance"]!["state"]!.GetValue<string>()));
        Assert.Equal(("homestead", "118"), (registered["facts"]!["procedure"]!.GetValue<string>(), registered["facts"]!["procedureFacts"]!["plotAreaM2"]!.GetValue<string>()));
        AssertStepsAreTheFiles(registered, "HOMESTEAD.v1.json");

        await api.SubmitAllDocumentsAsync(code, "col-lianhua");
        await api.FinishAsync(code, "collective_discussion");
        await api.FinishAsync(code, "planning_review");
        await api.DoAsync(code, "entitlement_review", "start");
        var before = await api.SnapshotAsync(code);
        using (var another = await api.ActAsync(code, "entitlement_review", "complete", new JsonObject { ["facts"] = new JsonObject { ["holdsHomestead"] = true } }))
        {
            var problem = await ProblemAssert.IsProblemAsync(another, HttpStatusCode.Conflict);
            Assert.Equal("one-household-one-plot", problem.GetProperty("rule").GetString());
        }

        Assert.Equal(before, await api.SnapshotAsync(code));
        await api.DoAsync(code, "entitlement_review", "complete", new JsonObject { ["facts"] = new JsonObject { ["holdsHomestead"] = false } });
        await api.FinishAsync(code, "township_approval");

        var status = await api.StatusAsync(code, "col-lianhua");
        Assert.Equal("completed", status["state"]!.GetValue<string>());
        var history = await api.HistoryAsync(code);
        Assert.Equal("homestead", history[0]!["facts"]!["procedure"]!.GetValue<string>());
        Assert.Equal(["off-agri", "off-nr", "off-township", "off-village"],
            history.Where(e => e!["kind"]!.GetValue<string>() == "complete").Select(e => e!["actor"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(126, false, CollectiveUscc, "col-lianhua", HttpStatusCode.Conflict, "homestead-area-over-cap")]
    [InlineData(118, true, CollectiveUscc, "col-lianhua", HttpStatusCode.Conflict, "one-household-one-plot")]
    [InlineData(118, false, LandFlowApi.RailUscc, "ent-rail", HttpStatusCode.Conflict, "homestead-owner-not-collective")]
    public async Task Register_HomesteadAgainstItsTemplatesRules_RefusedByNameAndRegistersNothing(
        int area, bool holds, string uscc, string user, HttpStatusCode status, string rule)
    {
        var before = await CountAsync(user);

        using var response = await (await api.As(user)).PostAsJsonAsync("/api/projects", Homestead(area, holds, uscc));

        var problem = await ProblemAssert.IsProblemAsync(response, status);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Equal(before, await CountAsync(user));
    }

    [Fact]
    public async Task Register_UnknownProcedure_Returns400UnknownProcedure()
    {
        var body = Homestead();
        body["procedure"] = "forest-felling";

        using var response = await (await api.As("col-lianhua")).PostAsJsonAsync("/api/projects", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("unknown-procedure", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Rectification_WholeProcedureOverHttp_DeadlineRunsFromTheOrderAndTheCheckClosesIt()
    {
        var code = await api.RegisterAsync(Rectification(), user: "off-enforcement");

        var registered = await api.StatusAsync(code, "ent-park");
        Assert.Equal(("RECTIFICATION", ParkUscc), (registered["template"]!["id"]!.GetValue<string>(), registered["ownerUscc"]!.GetValue<string>()));
        Assert.Equal(("not-applicable", "not-applicable"), (registered["approvalLevel"]!.GetValue<string>(), registered["balance"]!["state"]!.GetValue<string>()));
        Assert.Equal(3.5m, registered["facts"]!["areaMu"]!.GetValue<decimal>());
        AssertStepsAreTheFiles(registered, "RECTIFICATION.v1.json");

        await api.FinishAsync(code, "finding");
        await api.FinishAsync(code, "order");
        var ordered = await api.StatusAsync(code);
        var rectification = Step(ordered, "rectification");
        Assert.Equal("ready", rectification["state"]!.GetValue<string>());
        // The deadline runs from the order (the step's readiness), before anyone starts it: 30 days, moved off a rest day.
        var sinceOrder = rectification["dueAt"]!.GetValue<DateTimeOffset>() - rectification["readyAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(sinceOrder, TimeSpan.FromDays(29), TimeSpan.FromDays(38));
        Assert.Contains(ordered["missingDocuments"]!.AsArray(), d => d!["key"]!.GetValue<string>() == "rectification-report");

        await api.SubmitAllDocumentsAsync(code, "ent-park");
        await api.FinishAsync(code, "rectification");
        await api.DoAsync(code, "check", "start");
        using (var notVerified = await api.ActAsync(code, "check", "complete", new JsonObject { ["facts"] = new JsonObject { ["rectified"] = false } }))
        {
            var problem = await ProblemAssert.IsProblemAsync(notVerified, HttpStatusCode.Conflict);
            Assert.Equal("rectification-not-verified", problem.GetProperty("rule").GetString());
        }

        await api.DoAsync(code, "check", "complete", new JsonObject { ["facts"] = new JsonObject { ["rectified"] = true } });
        Assert.Equal("completed", (await api.StatusAsync(code, "ent-park"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Register_RectificationByTheViolatorOrWithALandAcquisitionField_Refused()
    {
        using (var byViolator = await (await api.As("ent-park")).PostAsJsonAsync("/api/projects", Rectification()))
        {
            Assert.Equal("role-forbidden", (await ProblemAssert.IsProblemAsync(byViolator, HttpStatusCode.Forbidden)).GetProperty("rule").GetString());
        }

        var body = Rectification();
        body["households"] = 4;
        using var withHouseholds = await (await api.As("off-enforcement")).PostAsJsonAsync("/api/projects", body);
        var problem = await ProblemAssert.IsProblemAsync(withHouseholds, HttpStatusCode.BadRequest);
        Assert.Equal("invalid-registration", problem.GetProperty("rule").GetString());
        Assert.Contains("households", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The status's steps, names and departments are the template file's, in its order.</summary>
    private static void AssertStepsAreTheFiles(JsonNode status, string file)
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "grains", "Workflow.Domain", "Templates", file)))!;
        Assert.Equal(template["id"]!.GetValue<string>(), status["template"]!["id"]!.GetValue<string>());
        Assert.Equal(
            template["steps"]!.AsArray().Select(s => (s!["key"]!.GetValue<string>(), s["nameZh"]!.GetValue<string>(), s["department"]!.GetValue<string>())),
            status["steps"]!.AsArray().Select(s => (s!["key"]!.GetValue<string>(), s["nameZh"]!.GetValue<string>(), s["department"]!.GetValue<string>())));
    }

    private static JsonNode Step(JsonNode status, string key) =>
        status["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == key)!;

    private async Task<int> CountAsync(string user) =>
        JsonNode.Parse(await (await api.As(user)).GetStringAsync("/api/projects?pageSize=200"))!["total"]!.GetValue<int>();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Workflow.sln not found above the test binaries.");
    }
}
