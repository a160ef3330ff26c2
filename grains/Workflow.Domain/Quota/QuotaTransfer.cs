using System.Text.Json.Serialization;

namespace Workflow.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<TransferDirection>))]
public enum TransferDirection
{
    Out,
    In,
}

/// <summary>Quota moved between counties from one lot; the receiving county turns each part into a lot.</summary>
public sealed record TransferredQuotaPart(
    string SourceLotId,
    string Source,
    int Grade,
    DateOnly CertifiedOn,
    decimal AreaMu,
    decimal PaddyMu,
    decimal CapacityKg)
{
    [JsonIgnore]
    public QuotaAmount Amount => new(AreaMu, PaddyMu, CapacityKg);
}

/// <summary>A quota transfer between counties (指标调剂), as recorded by one side.</summary>
public sealed record QuotaTransfer(
    string TransferId,
    TransferDirection Direction,
    string Counterparty,
    decimal PriceYuan,
    string ApprovedBy,
    DateTimeOffset At,
    IReadOnlyList<TransferredQuotaPart> Parts)
{
    [JsonIgnore]
    public QuotaAmount Amount => Parts.Aggregate(QuotaAmount.Zero, (sum, part) => sum + part.Amount);
}
