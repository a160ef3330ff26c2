namespace Workflow.Domain;

/// <summary>A project's liaison must be someone the staff roster knows as a liaison, whoever names them.</summary>
public static class LiaisonRules
{
    public static Refusal? Check(string? liaison, Func<string, bool> isLiaison)
    {
        ArgumentNullException.ThrowIfNull(isLiaison);
        return !string.IsNullOrWhiteSpace(liaison) && isLiaison(liaison)
            ? null
            : Refusal.Invalid(Rules.UnknownLiaison, $"'{liaison}' is not a liaison.");
    }
}
