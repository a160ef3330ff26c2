using System.Collections.Concurrent;
using System.Diagnostics;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Workflow.Benchmarks;

/// <summary>The data of one LAL_2020 workflow on WorkflowCore.</summary>
public sealed class LalData
{
    public string Id { get; set; } = "";

    public bool Standalone { get; set; }

    public bool HearingRequested { get; set; }
}

/// <summary>A step that waits for one outside act (an event named <c>step.action</c> keyed by the workflow's id), as
/// WorkflowCore's own <c>WaitFor</c> does, and tells the driver when the act was taken in.</summary>
public sealed class OfficerActStep : StepBody
{
    public string EventName { get; set; } = "";

    public string EventKey { get; set; } = "";

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        if (!context.ExecutionPointer.EventPublished)
        {
            return ExecutionResult.WaitForEvent(EventName, EventKey, DateTime.MinValue);
        }

        WorkflowCoreActSignals.Taken(EventKey, EventName);
        return ExecutionResult.Next();
    }
}

/// <summary>Where the driver waits for its act to be taken in (completed off the engine's threads).</summary>
public static class WorkflowCoreActSignals
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Pending = new(StringComparer.Ordinal);

    public static Task Expect(string key, string eventName) =>
        Pending.GetOrAdd(key + "|" + eventName, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Taken(string key, string eventName)
    {
        if (Pending.TryRemove(key + "|" + eventName, out var signal))
        {
            signal.TrySetResult();
        }
    }
}

/// <summary>
/// LAL_2020 on WorkflowCore: the same steps, joins and waits for an outside act as the template (batch track: the
/// pre-review is skipped by a condition; the hearing likewise when not requested). Every act of <see cref="LalScript"/>
/// is one waiting step. Persistence is WorkflowCore's in-memory provider (nothing is durable).
/// </summary>
public sealed class LalWorkflow : IWorkflow<LalData>
{
    public string Id => "LAL_2020";

    public int Version => 1;

    public void Build(IWorkflowBuilder<LalData> builder)
    {
        var roots = builder.StartWith(_ => ExecutionResult.Next())
            .Parallel()
            .Do(b => Sequence(b, "documents.project-proposal", "documents.filing-package", "documents.land-use-contract", "approval.start", "approval.complete"))
            .Do(b => b.StartWith(_ => ExecutionResult.Next()).If(d => d.Standalone).Do(p => Sequence(p, "prereview.start", "prereview.complete")))
            .Join();
        var beforeFiling = roots
            .Parallel()
            .Do(b =>
            {
                var planned = b.StartWith(_ => ExecutionResult.Next())
                    .Parallel()
                    .Do(p => Sequence(p, "pre_announcement.start", "pre_announcement.complete"))
                    .Do(p => Sequence(p, "survey.start", "survey.complete"))
                    .Do(p => Sequence(p, "risk_assessment.start", "risk_assessment.complete"))
                    .Join();
                Then(planned, "compensation_plan.start", "compensation_plan.complete")
                    .Parallel()
                    .Do(p =>
                    {
                        var announced = p.StartWith(_ => ExecutionResult.Next())
                            .Parallel()
                            .Do(q => Sequence(q, "plan_announcement.start", "plan_announcement.complete"))
                            .Do(q => q.StartWith(_ => ExecutionResult.Next()).If(d => d.HearingRequested).Do(h => Sequence(h, "hearing.start", "hearing.complete")))
                            .Do(q => Sequence(q, "registration.start", "registration.complete"))
                            .Join();
                        Then(announced, "agreements.start", "agreements.complete");
                    })
                    .Do(p => Sequence(p, "funds.start", "funds.complete"))
                    .Join();
            })
            .Do(b => Sequence(b, "farmland_balance.start", "farmland_balance.reserve", "farmland_balance.complete"))
            .Join();
        Then(
            beforeFiling,
            "filing.start", "filing.complete",
            "acquisition_announcement.start", "acquisition_announcement.complete",
            "payment_handover.start", "payment_handover.complete",
            "land_supply.start", "land_supply.complete",
            "property_registration.start", "property_registration.complete");
    }

    private static IStepBuilder<LalData, OfficerActStep> Sequence(IWorkflowBuilder<LalData> builder, string first, params string[] rest) =>
        Then(builder.StartWith<OfficerActStep>(s => Waits(s, first)), rest);

    private static IStepBuilder<LalData, OfficerActStep> Then<TStep>(IStepBuilder<LalData, TStep> from, params string[] events)
        where TStep : IStepBody
    {
        IStepBuilder<LalData, OfficerActStep>? last = null;
        foreach (var name in events)
        {
            last = last is null ? from.Then<OfficerActStep>(s => Waits(s, name)) : last.Then<OfficerActStep>(s => Waits(s, name));
        }

        return last ?? throw new ArgumentException("At least one event.", nameof(events));
    }

    private static void Waits(IStepBuilder<LalData, OfficerActStep> step, string eventName) =>
        step.Input(s => s.EventName, _ => eventName).Input(s => s.EventKey, d => d.Id);
}

/// <summary>Drives <c>workflows</c> LAL_2020 workflows on WorkflowCore with the acts of <see cref="LalScript"/>: each
/// act is published when its officer would act, and the next act of that lane waits until it was taken in.</summary>
public static class WorkflowCorePeer
{
    public static async Task<Dictionary<string, double>> RunAsync(int workflows, int maxConcurrentWorkflows, double pollMilliseconds)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow(options =>
        {
            options.UsePollInterval(TimeSpan.FromMilliseconds(pollMilliseconds));
            if (maxConcurrentWorkflows > 0)
            {
                options.UseMaxConcurrentWorkflows(maxConcurrentWorkflows);
            }
        });
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<LalWorkflow, LalData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            await DriveAsync(host, "warm", Math.Min(20, workflows));
            var started = Stopwatch.GetTimestamp();
            await DriveAsync(host, "wf", workflows);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var acts = workflows * LalScript.ActCount;
            return new Dictionary<string, double> { ["steps"] = acts / seconds, ["seconds"] = seconds, ["acts"] = acts };
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <remarks>Each act is published when its step can take it (lanes side by side, as LandFlow is driven), and the
    /// next act of that lane waits until it was taken in.</remarks>
    private static Task DriveAsync(IWorkflowHost host, string prefix, int workflows) =>
        Task.WhenAll(Enumerable.Range(0, workflows).Select(async i =>
        {
            await Task.Yield();
            var id = $"{prefix}-{i}";
            await host.StartWorkflow("LAL_2020", 1, new LalData { Id = id });
            foreach (var stage in LalScript.Phases.SelectMany(p => p.Stages))
            {
                await Task.WhenAll(stage.Lanes.Select(async lane =>
                {
                    foreach (var act in lane.Acts)
                    {
                        var taken = WorkflowCoreActSignals.Expect(id, act.EventName);
                        await host.PublishEvent(act.EventName, id, null);
                        await taken.WaitAsync(TimeSpan.FromMinutes(5));
                    }
                }));
            }
        }));
}
