using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedAct_ProcessKilledWithSigkill_IsThereAfterRestart()
    {
        var data = Directory.CreateTempSubdirectory("landflow-kill-").FullName;
        var (http, silo, gateway) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        string code;
        try
        {
            await using (var first = await GatewayProcess.StartAsync(data, http, silo, gateway))
            {
                var owner = await first.ClientForAsync("ent-rail");
                using var registered = await owner.PostAsJsonAsync("/api/projects", LandFlowApi.Registration());
                Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
                code = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["code"]!.GetValue<string>();
                using var submitted = await owner.PostAsJsonAsync($"/api/projects/{code}/documents", new { key = "project-proposal" });
                Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
                using var started = await (await first.ClientForAsync("off-drc")).PostAsJsonAsync(
                    $"/api/projects/{code}/steps/approval/start", new { reason = "受理" });
                Assert.Equal(HttpStatusCode.OK, started.StatusCode);

                await first.KillAsync();
            }

            await using var second = await GatewayProcess.StartAsync(data, http, silo, gateway);
            var admin = await second.ClientForAsync("admin");
            var status = JsonNode.Parse(await admin.GetStringAsync($"/api/projects/{code}"))!;
            var history = JsonNode.Parse(await admin.GetStringAsync($"/api/projects/{code}/history"))!["items"]!.AsArray();

            Assert.Equal("inProgress", status["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "approval")!["state"]!.GetValue<string>());
            Assert.Equal(["registered", "document", "start"], history.Where(e => e!["kind"]!.GetValue<string>() != "skipped").Select(e => e!["kind"]!.GetValue<string>()));
            Assert.Equal("受理", history[^1]!["reason"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ManyActiveProjects_ProcessStoppedWithSigterm_ExitsAndKeepsEveryAcknowledgedAct()
    {
        const int Projects = 300;
        var data = Directory.CreateTempSubdirectory("landflow-term-").FullName;
        var (http, silo, gateway) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        var codes = new List<string>();
        try
        {
            // Hundreds of acts a second by one user: far above the per-user limits a deployment runs with.
            var unlimited = new Dictionary<string, string> { ["LandFlow:RateLimits:Enabled"] = "false" };
            await using (var first = await GatewayProcess.StartAsync(data, http, silo, gateway, workingDirectory: null, unlimited))
            {
                var owner = await first.ClientForAsync("ent-rail");
                var admin = await first.ClientForAsync("admin");
                // Each project registered, given a document (an act acknowledged only once durable) and read, so
                // every project grain is active when the process is told to stop.
                foreach (var batch in Enumerable.Range(0, Projects).Chunk(25))
                {
                    codes.AddRange(await Task.WhenAll(batch.Select(async _ =>
                    {
                        using var registered = await owner.PostAsJsonAsync("/api/projects", LandFlowApi.Registration());
                        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
                        var code = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["code"]!.GetValue<string>();
                        using var submitted = await owner.PostAsJsonAsync($"/api/projects/{code}/documents", new { key = "project-proposal" });
                        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
                        using var read = await admin.GetAsync($"/api/projects/{code}");
                        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                        return code;
                    })));
                }

                Assert.Equal(0, await first.TerminateAsync());
            }

            await using var second = await GatewayProcess.StartAsync(data, http, silo, gateway, workingDirectory: null, unlimited);
            var reader = await second.ClientForAsync("admin");
            foreach (var code in codes)
            {
                var history = JsonNode.Parse(await reader.GetStringAsync($"/api/projects/{code}/history"))!["items"]!.AsArray();
                Assert.Equal(["registered", "document"], history.Where(e => e!["kind"]!.GetValue<string>() != "skipped").Select(e => e!["kind"]!.GetValue<string>()));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
