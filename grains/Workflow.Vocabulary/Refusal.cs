namespace Workflow.Vocabulary;

/// <summary>Why a command was refused, with the named <see cref="Rules">rule</see>. A refused command changes nothing.</summary>
public sealed record Refusal(RefusalKind Kind, string Rule, string Detail)
{
    public static Refusal Invalid(string rule, string detail) => new(RefusalKind.Invalid, rule, detail);

    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, Rules.NotFound, detail);

    public static Refusal Forbidden(string rule, string detail) => new(RefusalKind.Forbidden, rule, detail);

    /// <summary>The caller's role may not do this at all.</summary>
    public static Refusal RoleForbidden(string detail) => new(RefusalKind.Forbidden, Rules.RoleForbidden, detail);

    public static Refusal Conflict(string rule, string detail) => new(RefusalKind.Conflict, rule, detail);

    public static Refusal Unavailable(string rule, string detail) => new(RefusalKind.Unavailable, rule, detail);
}
