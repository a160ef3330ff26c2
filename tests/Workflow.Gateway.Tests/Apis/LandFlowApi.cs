using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>Calls the gateway as the demo users would, over real HTTP.</summary>
public sealed class LandFlowApi(GatewayFixture gateway)
{
    public const string RailUscc = "91330500MA2JTR010T";

    /// <summary>The officer with no county for each department of the templates.</summary>
    public static readonly IReadOnlyDictionary<string, string> OfficerOf = new Dictionary<string, string>
    {
        ["development-reform"] = "off-drc",
        ["province-natural-resources"] = "off-prov-nr",
        ["natural-resources"] = "off-nr",
        ["county-government"] = "off-gov",
        ["finance"] = "off-finance",
        ["province-government"] = "off-prov-gov",
        ["state-council"] = "off-state-council",
        ["registry"] = "off-registry",
        ["village-collective"] = "off-village",
        ["agriculture-rural"] = "off-agri",
        ["township-government"] = "off-township",
        ["land-enforcement"] = "off-enforcement",
    };

    private readonly Dictionary<string, HttpClient> clients = [];

    public async Task<HttpClient> As(string userId)
    {
        if (!clients.TryGetValue(userId, out var client))
        {
            client = await gateway.ClientForAsync(userId);
            clients[userId] = client;
        }

        return client;
    }

    public static JsonObject Registration(string county = "330502", string uscc = RailUscc, decimal cultivated = 100m, decimal paddy = 40m, string? code = null) => new()
    {
        ["name"] = "湖州市域铁路示范段",
        ["ownerUscc"] = uscc,
        ["county"] = county,
        ["type"] = "rail",
        ["track"] = "batch",
        ["areaMu"] = 200,
        ["cultivatedMu"] = cultivated,
        ["paddyMu"] = paddy,
        ["grade"] = 7,
        ["permanentBasicFarmland"] = false,
        ["households"] = 12,
        ["supplyMode"] = "allocation",
        ["code"] = code,
    };

    public async Task<string> RegisterAsync(JsonObject? body = null, string user = "ent-rail")
    {
        using var response = await (await As(user)).PostAsJsonAsync("/api/projects", body ?? Registration());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register answered {(int)response.StatusCode}: {text}");
        var code = JsonNode.Parse(text)!["code"]!.GetValue<string>();
        Assert.Equal($"/api/projects/{code}", response.Headers.Location!.OriginalString);
        return code;
    }

    public async Task<HttpResponseMessage> ActAsync(string code, string step, string action, JsonObject? body = null, string? user = null)
    {
        user ??= OfficerOf[await DepartmentOfAsync(code, step)];
        var client = await As(user);
        return body is null
            ? await client.PostAsync($"/api/projects/{code}/steps/{step}/{action}", null)
            : await client.PostAsJsonAsync($"/api/projects/{code}/steps/{step}/{action}", body);
    }

    public async Task<JsonNode> DoAsync(string code, string step, string action, JsonObject? body = null)
    {
        using var response = await ActAsync(code, step, action, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} {step} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> StatusAsync(string code, string user = "admin")
    {
        using var response = await (await As(user)).GetAsync($"/api/projects/{code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The whole history, read a page at a time (the route answers one page; its next continues).</summary>
    public async Task<JsonArray> HistoryAsync(string code, string user = "admin")
    {
        var items = new JsonArray();
        string? after = null;
        do
        {
            var page = await HistoryPageAsync(code, "limit=500" + after, user);
            foreach (var item in page["items"]!.AsArray().ToList())
            {
                items.Add(item!.DeepClone());
            }

            after = page["next"] is { } next ? $"&after={next.GetValue<long>()}" : null;
        }
        while (after is not null);

        return items;
    }

    /// <summary>One page of history, as the route answers it for <paramref name="query"/>.</summary>
    public async Task<JsonNode> HistoryPageAsync(string code, string query, string user = "admin")
    {
        using var response = await (await As(user)).GetAsync($"/api/projects/{code}/history?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Status and history as the admin reads them, to prove a refused command changed nothing.</summary>
    public async Task<string> SnapshotAsync(string code) =>
        (await StatusAsync(code)).ToJsonString() + "\n" + (await HistoryAsync(code)).ToJsonString();

    public async Task<string> DepartmentOfAsync(string code, string step) =>
        (await StatusAsync(code))["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == step)!["department"]!.GetValue<string>();

    public async Task SubmitAllDocumentsAsync(string code, string owner = "ent-rail")
    {
        foreach (var missing in (await StatusAsync(code))["missingDocuments"]!.AsArray())
        {
            using var response = await (await As(owner)).PostAsJsonAsync($"/api/projects/{code}/documents", new { key = missing!["key"]!.GetValue<string>() });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>The compensation plan's total when a test does not say: what the funds must cover.</summary>
    public const decimal PlanTotalYuan = 9_600_000m;

    /// <summary>The facts a plain run records on completing a step: the plan's total, an announcement nobody objected to.</summary>
    public static JsonObject? PlainFacts(string step) => step switch
    {
        "compensation_plan" => new JsonObject { ["totalYuan"] = PlanTotalYuan },
        "plan_announcement" => new JsonObject { ["members"] = 120, ["objecting"] = 0 },
        _ => null,
    };

    /// <summary>Starts and completes a step; moves the dev clock past a statutory minimum period. Without facts, the
    /// step's <see cref="PlainFacts"/>.</summary>
    public async Task FinishAsync(string code, string step, JsonObject? facts = null)
    {
        facts ??= PlainFacts(step);
        var started = await DoAsync(code, step, "start");
        var earliest = started["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == step)!["earliestCompletionAt"];
        if (earliest is not null)
        {
            await MoveClockToAsync(earliest.GetValue<DateTimeOffset>().AddMinutes(1));
        }

        await DoAsync(code, step, "complete", facts is null ? null : new JsonObject { ["facts"] = facts });
    }

    public async Task<DateTimeOffset> ClockAsync() =>
        (await gateway.AnonymousClient.GetFromJsonAsync<JsonElement>("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();

    public async Task MoveClockToAsync(DateTimeOffset instant)
    {
        if (instant <= await ClockAsync())
        {
            return;
        }

        using var response = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/clock", new { now = instant.ToString("O") });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task AdvanceClockAsync(string duration)
    {
        using var response = await gateway.AnonymousClient.PostAsJsonAsync("/api/dev/clock", new { advance = duration });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DepositAsync(string county, string lotId, decimal area, decimal paddy)
    {
        using var response = await (await As("admin")).PostAsJsonAsync($"/api/quota/{county}/lots", new
        {
            lotId, source = "高标准农田建设项目 " + lotId, areaMu = area, paddyMu = paddy, grade = 7, certifiedOn = "2025-06-30",
        });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public async Task<JsonNode> QuotaAsync(string county) =>
        JsonNode.Parse(await (await As("admin")).GetStringAsync($"/api/quota/{county}"))!;

    /// <summary>Walks a registered project to its farmland balance step, started.</summary>
    public async Task ToFarmlandBalanceAsync(string code, string owner = "ent-rail")
    {
        await SubmitAllDocumentsAsync(code, owner);
        await FinishAsync(code, "approval");
        await DoAsync(code, "farmland_balance", "start");
    }

    /// <summary>Walks every step before the filing, reserving quota from the project's county.</summary>
    public async Task ReadyForFilingAsync(string code)
    {
        await ToFarmlandBalanceAsync(code);
        await DoAsync(code, "farmland_balance", "reserve");
        await DoAsync(code, "farmland_balance", "complete");
        foreach (var step in new[] { "pre_announcement", "survey", "risk_assessment", "compensation_plan", "registration", "plan_announcement" })
        {
            await FinishAsync(code, step);
        }

        await FinishAsync(code, "agreements", new JsonObject { ["signedHouseholds"] = 12 });
        await FinishAsync(code, "funds", new JsonObject { ["depositedYuan"] = PlanTotalYuan });
    }
}
