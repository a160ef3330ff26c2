using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// The officer's worklist over the analytics read model. Stateless: the read model is in the shared database, so every silo
/// answers locally. The caller's desk (<see cref="DeskScope"/>: their department, and their county when they have one) is
/// the rule project acts apply, so a task is listed exactly for those who may act on it. The read model lags acts a
/// little; a page that has just acted waits on the analytics projection's catch-up before it reads again.
/// </summary>
// Reentrant: no state to guard, and without it a silo runs one call per core while the rest wait on store round trips.
[StatelessWorker, Reentrant]
public sealed class TaskListGrain(
    IReadModelDatabase database,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time) : Grain, ITaskListGrain
{
    public const int MaxPageSize = 200;
    public const int MaxTextLength = 100;

    private static readonly string[] Lights = ["green", "yellow", "red"];

    private readonly TaskQueries queries = new(database);

    public async Task<TaskListReply> ListAsync(TaskQuery query, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        if (DeskScope.Of(actor.ToDomain()) is not { } desk)
        {
            return new TaskListReply(null, Refusal.RoleForbidden("Only department officers have steps on their desk."));
        }

        if (Invalid(query) is { } invalid)
        {
            return new TaskListReply(null, Refusal.Invalid(Rules.InvalidTaskQuery, invalid));
        }

        var filter = new TaskFilter(desk, Blank(query.State), Blank(query.Step), Blank(query.Light), Blank(query.Text?.Trim()));
        var (rows, total) = await queries.PageAsync(filter, query.Page, query.PageSize);
        var counts = await queries.CountsAsync(filter);
        var now = time.GetUtcNow();
        var today = WorkingCalendar.LocalDate(now);
        return new TaskListReply(new TaskList([.. rows.Select(row => Item(row, today))], total, query.Page, query.PageSize, Counts(counts), now), null);
    }

    public Task<TaskStepForm?> StepFormAsync(string templateId, int version, string step)
    {
        var definition = environment.Templates.All.FirstOrDefault(t => t.Id == templateId && t.Version == version)?.Find(step);
        return Task.FromResult(definition is null ? null : new TaskStepForm(
            definition.Key,
            definition.Kind.ToString(),
            [.. definition.CompletionFacts.Select(f => new TaskFactView(f.Fact, f.Kind.ToString(), f.Optional, f.Minimum, f.AtMost, f.Law))],
            definition.OnRequest?.Fact,
            definition.Law));
    }

    private static string? Invalid(TaskQuery query)
    {
        if (Blank(query.State) is { } state && !VisitStates.IsOpen(state))
        {
            return "state must be received, in-progress or suspended.";
        }

        if (Blank(query.Light) is { } light && !Lights.Contains(light, StringComparer.Ordinal))
        {
            return "light must be green, yellow or red.";
        }

        if (query.Text is { Length: > MaxTextLength })
        {
            return $"text is at most {MaxTextLength} characters.";
        }

        return query.Page < 1 || query.PageSize is < 1 or > MaxPageSize
            ? $"page must be 1 or more and pageSize between 1 and {MaxPageSize}."
            : null;
    }

    private TaskItem Item(TaskRow row, DateOnly today)
    {
        // Suspended (补正): the step's clock is stopped, so no working days count down; the due date is shown as recorded.
        DateOnly? due = row.DueAt is { } dueAt ? WorkingCalendar.LocalDate(dueAt.AddTicks(-1)) : null;
        int? left = due is { } last && row.State != VisitStates.Suspended
            ? last >= today ? environment.Calendar.CountWorkingDays(today, last) : -environment.Calendar.CountWorkingDays(last, today)
            : null;
        return new TaskItem(
            row.Code, row.Name ?? "", row.County, row.Step, row.Department, row.State, row.Light, row.ReceivedAt, row.DueAt, due, left,
            row.TemplateId, row.TemplateVersion, row.Liaison);
    }

    private static TaskCounts Counts(IEnumerable<(string State, string Light, long Count)> rows)
    {
        int Sum(Func<(string State, string Light, long Count), bool> which) => (int)rows.Where(which).Sum(r => r.Count);
        return new TaskCounts(
            Sum(r => r.State == VisitStates.Received),
            Sum(r => r.State == VisitStates.InProgress),
            Sum(r => r.State == VisitStates.Suspended),
            Sum(r => r.Light == "green"),
            Sum(r => r.Light == "yellow"),
            Sum(r => r.Light == "red"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
