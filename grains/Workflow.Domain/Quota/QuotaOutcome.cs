using System.Text.Json.Serialization;

namespace Workflow.Domain;

public enum QuotaOutcomeKind
{
    /// <summary>The ledger changed; audit the movements.</summary>
    Applied,

    /// <summary>A repeat of an operation already applied; nothing changed.</summary>
    AlreadyApplied,

    /// <summary>Release of a reservation the ledger never made; compensation paths release blindly.</summary>
    NothingToRelease,

    /// <summary>Nothing changed because a rule forbids the operation.</summary>
    Refused,
}

/// <summary>The result of one ledger operation.</summary>
public sealed record QuotaOutcome
{
    public required QuotaOutcomeKind Kind { get; init; }

    public Refusal? Refusal { get; init; }

    public IReadOnlyList<QuotaMovement> Movements { get; init; } = [];

    /// <summary>For transfers out: what left, for the receiving county (also on a repeat).</summary>
    public IReadOnlyList<TransferredQuotaPart> TransferredParts { get; init; } = [];

    [JsonIgnore]
    public bool IsApplied => Kind == QuotaOutcomeKind.Applied;

    [JsonIgnore]
    public bool IsRefused => Kind == QuotaOutcomeKind.Refused;

    [JsonIgnore]
    public string? RefusedRule => Refusal?.Rule;

    public static QuotaOutcome Applied(
        IReadOnlyList<QuotaMovement> movements,
        IReadOnlyList<TransferredQuotaPart>? transferredParts = null) =>
        new() { Kind = QuotaOutcomeKind.Applied, Movements = movements, TransferredParts = transferredParts ?? [] };

    public static QuotaOutcome AlreadyApplied(IReadOnlyList<TransferredQuotaPart>? transferredParts = null) =>
        new() { Kind = QuotaOutcomeKind.AlreadyApplied, TransferredParts = transferredParts ?? [] };

    public static QuotaOutcome NothingToRelease() => new() { Kind = QuotaOutcomeKind.NothingToRelease };

    /// <summary>Malformed lots, reservations and transfers are invalid (400); shortfalls and conflicts are 409s.</summary>
    public static QuotaOutcome Refused(string rule, string detail) =>
        new() { Kind = QuotaOutcomeKind.Refused, Refusal = QuotaRules.RefusalOf(rule, detail) };
}
