namespace Workflow.Domain;

/// <summary>
/// Who may touch a county's quota pool. Pools are the bureau's records: its staff read them (a person with a county
/// only their own county's), only administrators stock and transfer them, and only the platform (a project drawing on
/// the pool, a transfer moving between pools) reserves, consumes and releases.
/// </summary>
public static class QuotaAccess
{
    public static Refusal? CanRead(Actor actor, string county)
    {
        if (actor.IsSystem || actor.IsAdmin || actor.IsLeader)
        {
            return null;
        }

        if (!actor.IsOfficer && !actor.IsLiaison)
        {
            return Refusal.RoleForbidden("Quota pools are the bureau's records.");
        }

        return OwnCounty(actor, county, "reads");
    }

    public static Refusal? CanDeposit(Actor actor) =>
        actor.IsAdmin ? null : Refusal.RoleForbidden("Only administrators deposit quota.");

    public static Refusal? CanTransfer(Actor actor) =>
        actor.IsAdmin ? null : Refusal.RoleForbidden("Only administrators transfer quota.");

    /// <summary>Reserving, consuming, releasing and moving a transfer's parts: the platform's own acts on a pool.</summary>
    public static Refusal? CanMove(Actor actor) =>
        actor.IsSystem ? null : Refusal.RoleForbidden("Only the platform reserves, consumes, releases or moves quota; act on the project or the transfer instead.");

    /// <summary>An officer reserving a project's quota draws only on pools they may read.</summary>
    public static Refusal? CanDrawOn(Actor actor, string county) =>
        OwnCounty(actor, county, "reserves from");

    private static Refusal? OwnCounty(Actor actor, string county, string verb) =>
        actor.County is null || actor.County == county
            ? null
            : Refusal.Forbidden(Rules.QuotaCountyForbidden, $"{actor.Id} acts in county {actor.County} and {verb} no other county's pool; {county} is another's.");
}
