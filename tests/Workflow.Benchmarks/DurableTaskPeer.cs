using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Workflow.Benchmarks;

/// <summary>
/// LAL_2020 on Microsoft.DurableTask's in-process test host (in-memory backend behind a gRPC sidecar in this process):
/// an orchestration that waits for each act of <see cref="LalScript"/> as an external event, lanes of a stage side by
/// side. The driver raises a workflow's acts in script order without waiting (the orchestration buffers events it does
/// not wait for yet), which favours the peer. Run with DOTNET_PROCESSOR_COUNT high (see shared NOTES).
/// </summary>
public static class DurableTaskPeer
{
    public static async Task<Dictionary<string, double>> RunAsync(int orchestrations)
    {
        await using var host = await DurableTaskTestHost.StartAsync(registry => registry.AddOrchestratorFunc<string, int>("LAL_2020", async (context, _) =>
        {
            var taken = 0;
            foreach (var stage in LalScript.Phases.SelectMany(p => p.Stages))
            {
                var lanes = stage.Lanes.Select(async lane =>
                {
                    foreach (var act in lane.Acts)
                    {
                        await context.WaitForExternalEvent<string>(act.EventName);
                        taken++;
                    }
                }).ToList();
                await Task.WhenAll(lanes);
            }

            return taken;
        }), new DurableTaskTestHostOptions { LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance });
        var client = host.Client;
        await DriveAsync(client, Math.Min(5, orchestrations));
        var started = Stopwatch.GetTimestamp();
        await DriveAsync(client, orchestrations);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var acts = orchestrations * LalScript.ActCount;
        return new Dictionary<string, double> { ["steps"] = acts / seconds, ["seconds"] = seconds, ["acts"] = acts };
    }

    private static Task DriveAsync(DurableTaskClient client, int orchestrations) =>
        Task.WhenAll(Enumerable.Range(0, orchestrations).Select(async _ =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("LAL_2020", "project");
            foreach (var act in LalScript.AllActs)
            {
                await client.RaiseEventAsync(id, act.EventName, "ok");
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<int>() != LalScript.ActCount)
            {
                throw new InvalidOperationException($"Orchestration {id} ended {done.RuntimeStatus}.");
            }
        }));
}
