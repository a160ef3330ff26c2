namespace Workflow.Domain;

/// <summary>Who may open and read a campaign, and what a campaign may be.</summary>
public static class CampaignRules
{
    public const int MaxTitleLength = 200;

    /// <summary>53 ISO weeks: a campaign is a push (双月攻坚 is two months), not a standing figure.</summary>
    public const int MaxDays = 371;

    public const int MaxProjects = 500;
    public const int MaxSteps = 50;
    public const int MaxCompletions = 1_000_000;

    /// <summary>Leaders and administrators open campaigns.</summary>
    public static Refusal? CanOpen(Actor actor) =>
        actor.IsLeader || actor.IsAdmin ? null : Refusal.RoleForbidden("Only a leader or an administrator opens a campaign.");

    /// <summary>Leaders and administrators read every campaign; a county's officer reads a campaign over steps restricted to
    /// their county alone, whose figures are then all their county's (a campaign over several counties, or over named
    /// projects, would show them other counties' figures, which the dashboard never does).</summary>
    public static bool CanRead(Campaign campaign, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsLeader || actor.IsAdmin || actor.IsSystem
            || (actor.IsOfficer && actor.County is { } county && !campaign.Scope.IsProjects
                && campaign.Scope.Counties.Count == 1 && campaign.Scope.Counties[0] == county);
    }

    public static (Campaign? Campaign, Refusal? Refusal) Open(string id, CampaignDraft draft, Actor actor, DateTimeOffset now, TemplateCatalog templates)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(templates);
        if (CanOpen(actor) is { } forbidden)
        {
            return (null, forbidden);
        }

        if (Invalid(draft, templates) is { } invalid)
        {
            return (null, Refusal.Invalid(Rules.InvalidCampaign, invalid));
        }

        var scope = draft.Scope;
        return (new Campaign
        {
            Id = id,
            Title = draft.Title.Trim(),
            First = draft.First,
            Last = draft.Last,
            // Kept in a canonical order, so the same terms written in another order are the same campaign.
            Scope = new CampaignScope(
                [.. scope.Projects.Order(StringComparer.Ordinal)],
                scope.IsProjects ? null : scope.Procedure,
                [.. scope.Steps.Order(StringComparer.Ordinal)],
                [.. scope.Counties.Order(StringComparer.Ordinal)]),
            Target = draft.Target.Kind == CampaignTargets.Completions
                ? new CampaignTarget(CampaignTargets.Completions, draft.Target.Completions, null)
                : new CampaignTarget(CampaignTargets.OnTimeRate, null, draft.Target.Rate),
            OpenedBy = actor.Id,
            OpenedAt = now,
        }, null);
    }

    /// <summary>Whether <paramref name="draft"/> asks for exactly what <paramref name="campaign"/> is (opening again answers it).</summary>
    public static bool SameTerms(Campaign campaign, CampaignDraft draft, TemplateCatalog templates)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var (other, refusal) = Open(campaign.Id, draft, new Actor(campaign.OpenedBy, Roles.Leader), campaign.OpenedAt, templates);
        return refusal is null && other is not null
            && other.Title == campaign.Title && other.First == campaign.First && other.Last == campaign.Last
            && other.Target == campaign.Target
            && other.Scope.Procedure == campaign.Scope.Procedure
            && other.Scope.Projects.SequenceEqual(campaign.Scope.Projects)
            && other.Scope.Steps.SequenceEqual(campaign.Scope.Steps)
            && other.Scope.Counties.SequenceEqual(campaign.Scope.Counties);
    }

    private static string? Invalid(CampaignDraft draft, TemplateCatalog templates)
    {
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > MaxTitleLength)
        {
            return $"A campaign needs a title of at most {MaxTitleLength} characters.";
        }

        if (draft.Last < draft.First || draft.Last.DayNumber - draft.First.DayNumber + 1 > MaxDays)
        {
            return $"A campaign's window runs from its first to its last day, at most {MaxDays} days.";
        }

        return InvalidScope(draft.Scope, templates) ?? InvalidTarget(draft.Target);
    }

    private static string? InvalidScope(CampaignScope? scope, TemplateCatalog templates)
    {
        if (scope is null || scope.Projects is null || scope.Steps is null || scope.Counties is null)
        {
            return "A campaign names its scope: projects, or steps of a procedure.";
        }

        if (scope.IsProjects == scope.Steps.Count > 0)
        {
            return "A campaign covers either a set of projects or a set of steps of a procedure, not both and not neither.";
        }

        if (scope.Counties.Any(county => !Counties.IsKnown(county)) || scope.Counties.Distinct(StringComparer.Ordinal).Count() != scope.Counties.Count)
        {
            return "Counties are the bureau's, each named once.";
        }

        if (scope.IsProjects)
        {
            if (scope.Counties.Count > 0 || scope.Procedure is not null)
            {
                return "A campaign over projects names neither a procedure nor counties: the projects say where they are.";
            }

            return scope.Projects.Count > MaxProjects
                || scope.Projects.Any(code => ProjectCodeSyntax.Validate(code) is not null)
                || scope.Projects.Distinct(StringComparer.Ordinal).Count() != scope.Projects.Count
                ? $"A campaign covers 1 to {MaxProjects} distinct project codes."
                : null;
        }

        if (scope.Procedure is not { } procedure || !templates.ProcedureNames.Contains(procedure, StringComparer.Ordinal))
        {
            return "A campaign over steps names a procedure a template declares.";
        }

        var known = templates.All.Where(t => t.Procedure == procedure).SelectMany(t => t.Steps).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        return scope.Steps.Count > MaxSteps || scope.Steps.Any(step => !known.Contains(step))
            || scope.Steps.Distinct(StringComparer.Ordinal).Count() != scope.Steps.Count
            ? $"A campaign covers 1 to {MaxSteps} distinct steps of the procedure's templates."
            : null;
    }

    private static string? InvalidTarget(CampaignTarget? target) => target switch
    {
        { Kind: CampaignTargets.Completions, Completions: >= 1 and <= MaxCompletions, Rate: null } => null,
        { Kind: CampaignTargets.OnTimeRate, Completions: null, Rate: > 0 and <= 1 } => null,
        _ => $"A campaign's target is either a number of completions (1 to {MaxCompletions}) or an on-time rate above 0 and at most 1.",
    };
}
