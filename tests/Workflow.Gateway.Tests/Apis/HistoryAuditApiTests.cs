using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflow.Storage.Postgres;

namespace Workflow.Gateway.Tests;

/// <summary>The verify route against PostgreSQL: a history row edited behind the platform's back is reported.</summary>
public sealed class HistoryAuditApiTests
{
    [Fact]
    public async Task Verify_HistoryRowEditedInPostgres_ReportsThatProjectAndEvent()
    {
        var schema = TestPostgres.NewSchemaName();
        try
        {
            await using var gateway = await StartOnPostgresAsync(schema);
            var owner = gateway.CreateClientAs("ent-rail");
            using var registered = await owner.PostAsJsonAsync("/api/projects", LandFlowApi.Registration());
            var code = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
            using var proposal = await owner.PostAsJsonAsync($"/api/projects/{code}/documents", new { key = "project-proposal" });
            Assert.Equal(HttpStatusCode.OK, proposal.StatusCode);
            var admin = gateway.CreateClientAs("admin");
            var before = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/history/verify?project={code}");

            // As the test's database role (the schema's owner), as someone with direct access to the database would.
            await using (var connection = new NpgsqlConnection(TestPostgres.ConnectionString))
            {
                await connection.OpenAsync();
                await using var edit = new NpgsqlCommand(
                    $"UPDATE \"{schema}\".events SET actor = 'someone-else' WHERE stream_id = $1 AND seq = 2", connection);
                edit.Parameters.AddWithValue($"project/{code}");
                Assert.Equal(1, await edit.ExecuteNonQueryAsync());
            }

            var one = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/history/verify?project={code}");
            var all = await admin.GetFromJsonAsync<JsonElement>("/api/admin/history/verify?limit=1000");

            Assert.Empty(before.GetProperty("broken").EnumerateArray());
            Assert.Equal(64, before.GetProperty("headHash").GetString()!.Length);
            var broken = Assert.Single(one.GetProperty("broken").EnumerateArray());
            Assert.Equal((code, 2L, "changed"), (broken.GetProperty("project").GetString(), broken.GetProperty("seq").GetInt64(), broken.GetProperty("kind").GetString()));
            var listed = Assert.Single(all.GetProperty("broken").EnumerateArray());
            Assert.Equal((code, 2L), (listed.GetProperty("project").GetString(), listed.GetProperty("seq").GetInt64()));
            Assert.Equal(all.GetProperty("streamsTotal").GetInt64(), all.GetProperty("streamsDone").GetInt64());
            Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Verify_CallerNotAdministrator_Returns403RoleForbidden()
    {
        await using var gateway = await GatewayFixture.StartAsync();

        using var response = await gateway.CreateClientAs("leader-li").GetAsync("/api/admin/history/verify");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(Rules.RoleForbidden, problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Verify_LimitOutOfRange_Returns400()
    {
        await using var gateway = await GatewayFixture.StartAsync();

        using var response = await gateway.CreateClientAs("admin").GetAsync("/api/admin/history/verify?limit=0");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private static Task<GatewayFixture> StartOnPostgresAsync(string schema) =>
        GatewayFixture.StartAsync(
            new Dictionary<string, string?>
            {
                ["LandFlow:Storage"] = "postgres",
                ["LandFlow:Postgres:ConnectionString"] = TestPostgres.ConnectionString,
            },
            services => services.Configure<PostgresStoreOptions>(options => options.Schema = schema));
}
