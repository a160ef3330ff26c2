using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>
/// The way in for registrations. Checks what needs no project (the caller's role, the fields only administrators set,
/// the code's spelling, the date, the facts, the liaison) before a code is allocated, so a refused registration uses
/// no serial; then allocates a code when none was asked for and hands the registration to the project's grain, which
/// checks the same rules again. Stateless, so every silo answers locally.
/// </summary>
// Reentrant: no state to guard, and without it a silo runs one call per core while the rest wait on store round trips.
[StatelessWorker, Reentrant]
public sealed partial class ProjectRegistrarGrain(
    IStaffRoster roster,
    WorkflowEnvironment environment,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time,
    LandFlowMetrics metrics,
    ILogger<ProjectRegistrarGrain> logger) : Grain, IProjectRegistrarGrain
{
    public async Task<ProjectReply> RegisterAsync(RegisterProjectCommand command, ActorInfo actor)
    {
        var registration = ProjectRegistrations.From(command);
        var today = WorkingCalendar.LocalDate(time.GetUtcNow());
        if (InputLimits.CheckFacts(command.FactsJson) is { } tooMuch)
        {
            return Refuse(tooMuch);
        }

        // The procedure's template (land acquisition unless the registration names another) says what the registration needs.
        if (RegistrationPolicy.Check(actor.ToDomain(), registration, today, environment.Templates, out var template) is { } refusal)
        {
            return Refuse(refusal);
        }

        if (registration.Liaison is { } liaison && LiaisonRules.Check(liaison, roster.IsLiaison) is { } unknownLiaison)
        {
            return Refuse(unknownLiaison);
        }

        var code = command.Code;
        if (code is null)
        {
            try
            {
                code = await GrainFactory.GetGrain<IProjectCodeAllocatorGrain>(command.County).NextCodeAsync(
                    template!.Registration?.CodeType ?? ProjectTypes.Get(command.Type).Code);
            }
            catch (Exception ex) when (GrainFailures.Classify(ex) != GrainFailure.None)
            {
                // Nothing is registered yet and a repeated allocation only skips a serial, so the caller may send it again.
                LogAllocatorLost(logger, command.County, ex.GetType().Name);
                return Refuse(Refusal.Unavailable(Rules.CodeAllocatorUnavailable,
                    $"The code allocator of county {command.County} was lost with its silo; nothing was registered. Send the registration again."));
            }
        }

        return await GrainFactory.GetGrain<IProjectGrain>(code).RegisterAsync(command, actor);
    }

    public Task<RegistrationPreview> PreviewAsync(RegisterProjectCommand command, ActorInfo actor)
    {
        var registration = ProjectRegistrations.From(command);
        var today = WorkingCalendar.LocalDate(time.GetUtcNow());

        // The same checks as RegisterAsync, in its order, short of allocating a code.
        WorkflowTemplate? template = null;
        var refusal = InputLimits.CheckFacts(command.FactsJson);
        if (refusal is null)
        {
            refusal = RegistrationPolicy.Check(actor.ToDomain(), registration, today, environment.Templates, out template);
        }

        if (refusal is null && registration.Liaison is { } liaison)
        {
            refusal = LiaisonRules.Check(liaison, roster.IsLiaison);
        }

        var errors = registration.Validate(today, template?.Registration);
        string? level = null;
        ApprovalAuthorityView? authority = null;
        if (template is not null && !errors.Keys.Any(f => f is "county" or "areaMu" or "cultivatedMu"))
        {
            level = Project.ApprovalLevelOf(template, registration, environment.Rules);
            authority = ApprovalAuthorityBook.Standard.For(level, registration.County, registration.AppliedOn ?? today) is { } a
                ? new ApprovalAuthorityView(a.AuthorityInLaw, a.ApproverInPractice, a.Source, a.From, a.Until, a.Note)
                : null;
        }

        return Task.FromResult(new RegistrationPreview(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), refusal, level, authority));
    }

    public async Task<ProjectReply> ImportAsync(ProjectImport import, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(import);
        var importer = actor.ToDomain();
        if (import.Registration is not { } registered)
        {
            return Refuse(Refusal.Invalid(Rules.InvalidRegistration, "An import through the registrar brings the project's registration."));
        }

        // The registration is checked as of its own date, as its registrant made it then.
        var registration = ProjectRegistrations.From(registered.Command);
        var refusal = ProjectImports.Check(importer, registered.At, null, [.. import.Acts.Select(a => a.At)], time.GetUtcNow())
            ?? RegistrationPolicy.Check(registered.Actor.ToDomain(), registration, WorkingCalendar.LocalDate(registered.At));
        if (refusal is not null)
        {
            return Refuse(refusal);
        }

        if (registration.Liaison is { } liaison && LiaisonRules.Check(liaison, roster.IsLiaison) is { } unknownLiaison)
        {
            return Refuse(unknownLiaison);
        }

        var code = registered.Command.Code
            ?? await GrainFactory.GetGrain<IProjectCodeAllocatorGrain>(registered.Command.County)
                .IssueCodeAsync(ProjectTypes.Get(registered.Command.Type).Code, WorkingCalendar.LocalDate(registered.At));
        return await GrainFactory.GetGrain<IProjectGrain>(code).ImportAsync(import, actor);
    }

    private ProjectReply Refuse(Refusal refusal)
    {
        metrics.Refused(EventKinds.Registered, null, refusal.Rule);
        return ProjectReply.Refused(refusal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The code allocator of {County} failed over ({Failure}); the registration may be sent again.")]
    private static partial void LogAllocatorLost(ILogger logger, string county, string failure);
}
