namespace Workflow.Domain;

/// <summary>Rule names carried by quota refusals; callers and the audit trail match on these strings.</summary>
public static class QuotaRules
{
    public const string AreaShort = "quota-area-short";
    public const string PaddyShort = "quota-paddy-short";
    public const string CapacityShort = "quota-capacity-short";
    public const string InvalidLot = "invalid-lot";
    public const string LotConflict = "lot-conflict";
    public const string InvalidReservation = "invalid-reservation";
    public const string ReservationConflict = "reservation-conflict";
    public const string ReservationUnknown = "reservation-unknown";
    public const string ReservationReleased = "reservation-released";
    public const string ReservationConsumed = "reservation-consumed";
    public const string InvalidTransfer = "invalid-transfer";
    public const string TransferConflict = "transfer-conflict";

    /// <summary>The refusal rule for a shortage of <paramref name="indicator"/>.</summary>
    public static string ShortOf(QuotaIndicator indicator) => indicator switch
    {
        QuotaIndicator.Area => AreaShort,
        QuotaIndicator.Paddy => PaddyShort,
        QuotaIndicator.Capacity => CapacityShort,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Unknown indicator."),
    };
}
