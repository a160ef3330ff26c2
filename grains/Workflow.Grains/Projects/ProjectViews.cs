using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>Maps the domain's project onto the wire records the gateway serves.</summary>
public static class ProjectViews
{
    public static ProjectView From(Project project)
    {
        var state = project.State;
        return new ProjectView(
            state.Code,
            state.Name,
            state.County,
            state.OwnerUscc,
            state.Liaison,
            new TemplateRef(state.TemplateId, state.TemplateVersion),
            Names.Of(state.Status),
            Names.Of(project.ProjectLight),
            state.ApprovalLevel,
            [.. project.Template.Steps.Select(d => StepView(d, state.FindStep(d.Key)!, project.DueUncertainty(state.FindStep(d.Key)!)))],
            [.. project.MissingDocuments().Select(m => new MissingDocumentView(m.Step, m.Document.Key, m.Document.Name, m.Document.NameZh))],
            new BalanceView(
                Quota(state.Balance.Required),
                Quota(state.Balance.Reserved),
                Names.Of(state.Balance.Status),
                state.Balance.ReservationId,
                [.. state.Balance.Allocations.Select(a => new CountyQuotaView(a.County, Quota(a.Amount)))]),
            new ProjectFacts(
                state.Type, state.Track, state.AreaMu, state.CultivatedMu, state.PaddyMu, state.Grade, state.PermanentBasicFarmland,
                state.Households, state.SupplyMode, state.Major, state.AppliedOn, state.TargetDate, state.RegisteredAt,
                state.Procedure, state.ProcedureFacts is null ? null : RegistrationFacts.AsText(state.ProcedureFacts), state.ApprovalKind),
            project.ApprovalAuthority() is { } authority
                ? new ApprovalAuthorityView(authority.AuthorityInLaw, authority.ApproverInPractice, authority.Source, authority.From, authority.Until, authority.Note)
                : null);
    }

    /// <summary>Each open step's last day and working days left (negative: overdue), as the leaders' cell list counts them.</summary>
    public static IReadOnlyList<StepDueView> Due(ProjectView view, WorkingCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(calendar);
        return [.. view.Steps
            .Where(s => s.DueAt is not null && s.State is "ready" or "received" or "inProgress" or "suspended")
            .Select(s =>
            {
                // Due at the start of the next day: the last day is the one before.
                var last = WorkingCalendar.LocalDate(s.DueAt!.Value.AddTicks(-1));
                var left = last >= today ? calendar.CountWorkingDays(today, last) : -calendar.CountWorkingDays(last, today);
                return new StepDueView(s.Key, last, left);
            })];
    }

    public static QuotaView Quota(QuotaAmount amount) => new(amount.AreaMu, amount.PaddyMu, amount.CapacityKg);

    public static QuotaAmount Amount(QuotaView view) => new(view.AreaMu, view.PaddyMu, view.CapacityKg);

    private static StepView StepView(StepDefinition definition, StepState step, string? dueUncertainty) => new(
        step.Key,
        definition.Name,
        definition.NameZh,
        step.Department,
        Names.Of(step.Status),
        Names.Of(step.Light),
        step.TimeLimit is { Unit: TimeUnit.WorkingDays } limit ? limit.Amount : null,
        step.TimeLimit?.ToString(),
        step.StartedAt,
        step.DueAt,
        step.CompletedAt,
        definition.DependsOn,
        step.ReadyAt,
        step.SuspendedAt,
        step.EarliestCompletionAt,
        dueUncertainty is not null,
        dueUncertainty,
        step.ReceivedAt,
        step.AcceptBy,
        step.AcceptedAt,
        step.AcceptedOnReceipt,
        step.ExtendedWorkingDays);
}
