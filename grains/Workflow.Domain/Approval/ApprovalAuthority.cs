namespace Workflow.Domain;

/// <summary>
/// Who approves at an approval level in a province over a span of dates: <see cref="AuthorityInLaw"/> holds the power
/// under the Land Administration Law, <see cref="ApproverInPractice"/> signs the approval (the same body, or the
/// province when the State Council has entrusted its approval, 国发〔2020〕4号). <see cref="Until"/> is inclusive.
/// </summary>
public sealed record ApprovalAuthority(
    string Level,
    string Province,
    DateOnly From,
    DateOnly? Until,
    string AuthorityInLaw,
    string ApproverInPractice,
    string Source,
    string? Note = null)
{
    /// <summary>The wildcard <see cref="Province"/>: a row for every province without a row of its own.</summary>
    public const string AnyProvince = "*";

    public bool InForceOn(DateOnly date) => From <= date && (Until is not { } until || date <= until);
}
