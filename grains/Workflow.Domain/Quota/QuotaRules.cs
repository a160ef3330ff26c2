namespace Workflow.Domain;

/// <summary>How the ledger names and classes its refusals; the names themselves are in <see cref="Rules"/>.</summary>
public static class QuotaRules
{
    /// <summary>The refusal rule for a shortage of <paramref name="indicator"/>.</summary>
    public static string ShortOf(QuotaIndicator indicator) => indicator switch
    {
        QuotaIndicator.Area => Rules.QuotaAreaShort,
        QuotaIndicator.Paddy => Rules.QuotaPaddyShort,
        QuotaIndicator.Capacity => Rules.QuotaCapacityShort,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, "Unknown indicator."),
    };

    /// <summary>A ledger refusal: malformed lots, reservations and transfers are invalid; the rest are conflicts.</summary>
    public static Refusal RefusalOf(string rule, string detail) =>
        rule is Rules.InvalidLot or Rules.InvalidReservation or Rules.InvalidTransfer or Rules.UnknownCounty
            ? Refusal.Invalid(rule, detail)
            : Refusal.Conflict(rule, detail);
}
