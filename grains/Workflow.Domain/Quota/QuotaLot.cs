using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>Derived states of a quota lot, as shown to staff and written to the audit trail.</summary>
public static class QuotaLotStates
{
    public const string Available = "available";
    public const string Reserved = "reserved";
    public const string Consumed = "consumed";

    /// <summary>Everything left the county by transfer; calling that "consumed" would mislead the audit.</summary>
    public const string TransferredOut = "transferred-out";
}

/// <summary>
/// A lot of supplementary farmland quota from one certified consolidation, reclamation or dry-to-paddy project,
/// with the ledger's current buckets of each indicator.
/// </summary>
public sealed record QuotaLot
{
    public required string LotId { get; init; }

    /// <summary>The certified project the quota comes from.</summary>
    public required string Source { get; init; }

    public required decimal AreaMu { get; init; }

    public required decimal PaddyMu { get; init; }

    /// <summary>Quality grade (利用等别) 1 best .. 15 worst.</summary>
    public required int Grade { get; init; }

    public required DateOnly CertifiedOn { get; init; }

    /// <summary>Certified grain capacity; when null at deposit the ledger computes area × yield of the grade.</summary>
    public decimal? CapacityKg { get; init; }

    // Buckets are owned by the ledger; values on a lot passed to DepositLot are ignored.
    public QuotaAmount Available { get; init; } = QuotaAmount.Zero;

    public QuotaAmount Reserved { get; init; } = QuotaAmount.Zero;

    public QuotaAmount Consumed { get; init; } = QuotaAmount.Zero;

    public QuotaAmount TransferredOut { get; init; } = QuotaAmount.Zero;

    /// <summary>The amount the lot brought into the county.</summary>
    [JsonIgnore]
    public QuotaAmount CertifiedAmount => new(AreaMu, PaddyMu, CapacityKg ?? 0m);

    /// <summary>Capacity per mu of the lot, used to price capacity into area transfers.</summary>
    [JsonIgnore]
    public decimal CapacityKgPerMu => AreaMu == 0m ? 0m : (CapacityKg ?? 0m) / AreaMu;

    [JsonIgnore]
    public string State =>
        !Available.IsZero() ? QuotaLotStates.Available
        : !Reserved.IsZero() ? QuotaLotStates.Reserved
        : !Consumed.IsZero() || TransferredOut.IsZero() ? QuotaLotStates.Consumed
        : QuotaLotStates.TransferredOut;

    /// <summary>A lot as certified, ready to deposit.</summary>
    public static QuotaLot Certified(
        string lotId,
        string source,
        decimal areaMu,
        decimal paddyMu,
        int grade,
        DateOnly certifiedOn,
        decimal? capacityKg = null) => new()
        {
            LotId = lotId,
            Source = source,
            AreaMu = areaMu,
            PaddyMu = paddyMu,
            Grade = grade,
            CertifiedOn = certifiedOn,
            CapacityKg = capacityKg,
        };

    /// <summary>The lot without its buckets, for comparing what was certified.</summary>
    public QuotaLot Definition() => this with
    {
        Available = QuotaAmount.Zero,
        Reserved = QuotaAmount.Zero,
        Consumed = QuotaAmount.Zero,
        TransferredOut = QuotaAmount.Zero,
    };
}
