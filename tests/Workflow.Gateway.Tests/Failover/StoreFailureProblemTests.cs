using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>
/// A cluster-mode gateway in front of a silo whose PostgreSQL store fails: infrastructure failures reach the caller
/// as a 503 problem with Retry-After, faults of another kind as a 500 problem with a trace id; neither as a bare 500.
/// </summary>
public sealed class StoreFailureProblemTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task Act_DatabaseGoesAway_Answers503WithRetryAfterAndNothingChanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await TestSilo.StartAsync(PostgresStore(database.ConnectionString));
        await using var gateway = await GatewayFixture.StartAsync(silo.ClusterSettings(Key));
        var code = await RegisterAsync(gateway);
        var officer = ClientAs(gateway, "off-drc");
        var historyBefore = await HistoryLengthAsync(gateway, code);
        var approvalBefore = await ApprovalStateAsync(gateway, code);

        // Its sessions end (57P01) and new ones are refused (53300): the server is gone as far as the silo can tell.
        await database.RefuseConnectionsAsync();
        using var response = await officer.PostAsync($"/api/projects/{code}/steps/approval/start", null);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("no", problem.GetProperty("applied").GetString());

        await database.AllowConnectionsAsync();
        Assert.Equal(historyBefore, await HistoryLengthAsync(gateway, code));
        Assert.Equal(approvalBefore, await ApprovalStateAsync(gateway, code));

        // Had the refused start landed, its repeat would be refused (409 step-state).
        using var repeated = await officer.PostAsync($"/api/projects/{code}/steps/approval/start", null);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(historyBefore + 1, await HistoryLengthAsync(gateway, code));
    }

    [Fact]
    public async Task Register_StoreOnAClosedPort_Answers503WithRetryAfterAndNotApplied()
    {
        var closed = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Port = FreePorts.Next(), Timeout = 3 }.ConnectionString;
        await using var silo = await TestSilo.StartAsync(PostgresStore(closed));
        await using var gateway = await GatewayFixture.StartAsync(silo.ClusterSettings(Key));

        using var response = await ClientAs(gateway, "ent-rail").PostAsJsonAsync("/api/projects", LandFlowApi.Registration());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("no", problem.GetProperty("applied").GetString());
    }

    [Fact]
    public async Task Act_StoreRefusesTheData_Answers500ProblemWithTraceId()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await TestSilo.StartAsync(PostgresStore(database.ConnectionString));
        await using var gateway = await GatewayFixture.StartAsync(silo.ClusterSettings(Key));
        var code = await RegisterAsync(gateway);

        // PostgreSQL text cannot hold NUL (22021): a fault of the data, not of the database's availability.
        using var response = await ClientAs(gateway, "off-drc").PostAsJsonAsync(
            $"/api/projects/{code}/steps/approval/start", new { reason = "start\u0000now" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("Postgres", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> PostgresStore(string connectionString) => new()
    {
        [LandFlowSettings.Storage] = LandFlowStorage.Postgres,
        [LandFlowSettings.PostgresConnectionString] = connectionString,
        [LandFlowSettings.PostgresMaxPoolSize] = "4",
        [LandFlowSettings.DemoEnabled] = "false",
    };

    private static async Task<string?> ApprovalStateAsync(GatewayFixture gateway, string code)
    {
        var status = await ClientAs(gateway, "admin").GetFromJsonAsync<JsonElement>($"/api/projects/{code}");
        return status.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "approval").GetProperty("state").GetString();
    }

    private static async Task<int> HistoryLengthAsync(GatewayFixture gateway, string code)
    {
        var history = await ClientAs(gateway, "admin").GetFromJsonAsync<JsonElement>($"/api/projects/{code}/history");
        return history.ValueKind == JsonValueKind.Array
            ? history.GetArrayLength()
            : history.EnumerateObject().First(member => member.Value.ValueKind == JsonValueKind.Array).Value.GetArrayLength();
    }

    private static HttpClient ClientAs(GatewayFixture gateway, string user) => gateway.CreateClientAs(user);

    /// <summary>Registers a project and submits its proposal, so its approval can start.</summary>
    private static async Task<string> RegisterAsync(GatewayFixture gateway)
    {
        var owner = ClientAs(gateway, "ent-rail");
        using var response = await owner.PostAsJsonAsync("/api/projects", LandFlowApi.Registration());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register answered {(int)response.StatusCode}: {text}");
        var code = System.Text.Json.Nodes.JsonNode.Parse(text)!["code"]!.GetValue<string>();
        using var proposal = await owner.PostAsJsonAsync($"/api/projects/{code}/documents", new { key = "project-proposal" });
        Assert.Equal(HttpStatusCode.OK, proposal.StatusCode);
        return code;
    }
}
