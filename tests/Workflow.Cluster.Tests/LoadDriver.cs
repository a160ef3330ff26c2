using System.Collections.Concurrent;

namespace Workflow.Cluster.Tests;

/// <summary>
/// Closed-loop load over HTTP: each lane registers a project and walks its plan, then starts the next, until told to
/// stop. A 503 is waited out as its <c>Retry-After</c> says and the act repeated; every answer is kept.
/// </summary>
internal sealed class LoadDriver(GatewayApi api, int lanes)
{
    private const int MaxAttempts = 30;

    private readonly ConcurrentQueue<ActRecord> _acts = new();
    private readonly ConcurrentQueue<ProjectPlan> _projects = new();
    private int _nextProject;

    public IReadOnlyCollection<ActRecord> Acts => _acts;

    public IReadOnlyCollection<ProjectPlan> Projects => _projects;

    /// <summary>The projects whose registration the gateway has acknowledged so far (a project grain may be active
    /// while its registration is still in flight, or failed).</summary>
    public IReadOnlyList<ProjectPlan> Registered() =>
        [.. _acts.Where(a => a.Act.Kind == "registered" && a.Outcome == ActOutcome.Acknowledged).Select(a => a.Project)];

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(() => LaneAsync(stop), CancellationToken.None)));

    /// <summary>
    /// Acts on the given projects over and over (a liaison assigned, which any project accepts at any stage), from
    /// <paramref name="probes"/> callers at once: right after a kill, these find out when grains that lived on the
    /// dead silo answer again, sooner than the lanes, which may sit on a call the dead silo never answers.
    /// </summary>
    public Task ProbeAsync(IReadOnlyList<ProjectPlan> projects, int probes, CancellationToken stop)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, probes).Select(_ => Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested && projects.Count > 0)
                {
                    var turn = Interlocked.Increment(ref next);
                    var project = projects[turn % projects.Count];
                    _acts.Enqueue(await RunActAsync(project, project.AssignLiaison(turn)));
                }
            },
            CancellationToken.None)));
    }

    private async Task LaneAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var project = ProjectPlan.Create(Interlocked.Increment(ref _nextProject));
            _projects.Enqueue(project);
            var reserved = false;
            foreach (var act in project.Acts)
            {
                if (stop.IsCancellationRequested && act.Kind != "registered")
                {
                    break;
                }

                // Without quota the balance cannot be completed: the plan moves on to the survey.
                if (act is { Step: "farmland_balance", Kind: "complete" } && !reserved)
                {
                    continue;
                }

                var record = await RunActAsync(project, act);
                _acts.Enqueue(record);
                if (act.IsReserve)
                {
                    reserved = record.Outcome is ActOutcome.Acknowledged or ActOutcome.LandedUnanswered;
                }

                if (record.Outcome == ActOutcome.Failed)
                {
                    break;
                }
            }
        }
    }

    private async Task<ActRecord> RunActAsync(ProjectPlan project, PlannedAct act)
    {
        var answers = new List<GatewayAnswer>();
        var mayHaveApplied = false;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var answer = await api.PostAsync(act.User, act.Path, act.Body);
            answers.Add(answer);
            if (answer.Succeeded)
            {
                return new ActRecord(project, act, ActOutcome.Acknowledged, answers, null);
            }

            if (answer.IsServiceUnavailable)
            {
                if (answer.RetryAfter is not { } retryAfter)
                {
                    return new ActRecord(project, act, ActOutcome.Failed, answers, $"503 without Retry-After: {answer}");
                }

                mayHaveApplied |= answer.Applied == "unknown";
                await Task.Delay(retryAfter);
                continue;
            }

            if (answer.Status == System.Net.HttpStatusCode.Conflict)
            {
                if (act.IsReserve && answer.Rule?.StartsWith("quota-", StringComparison.Ordinal) == true)
                {
                    return new ActRecord(project, act, ActOutcome.Refused, answers, null);
                }

                if (mayHaveApplied)
                {
                    return new ActRecord(project, act, ActOutcome.LandedUnanswered, answers, null);
                }
            }

            return new ActRecord(project, act, ActOutcome.Failed, answers, $"unexpected answer: {answer}");
        }

        return new ActRecord(project, act, ActOutcome.Failed, answers, $"still 503 after {MaxAttempts} attempts");
    }
}
