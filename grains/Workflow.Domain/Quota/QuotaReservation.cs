using System.Text.Json.Serialization;

namespace Workflow.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ReservationStatus>))]
public enum ReservationStatus
{
    Reserved,
    Consumed,
    Released,
}

/// <summary>The part of a reservation or transfer taken from one lot.</summary>
public sealed record LotDraw(string LotId, QuotaAmount Amount);

/// <summary>Quota held for one project's filing, remembered per lot so release returns it to the same lots.</summary>
public sealed record QuotaReservation(
    string ReservationId,
    string ProjectCode,
    QuotaAmount Amount,
    IReadOnlyList<LotDraw> Draws,
    ReservationStatus Status,
    DateTimeOffset ReservedAt)
{
    /// <summary>When it was consumed or released.</summary>
    public DateTimeOffset? SettledAt { get; init; }
}
