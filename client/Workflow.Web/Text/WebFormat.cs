using System.Globalization;

namespace Workflow.Web;

/// <summary>Dates as 2026-12-03 and instants in China Standard Time, whatever the server's zone or the reader's language.</summary>
public static class WebFormat
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant) => instant.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset instant) => instant.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Days(double? days) => days is { } d ? d.ToString("0.#", CultureInfo.InvariantCulture) : "–";

    public static string Percent(double? rate) => rate is { } r ? r.ToString("0.0%", CultureInfo.InvariantCulture) : "–";

    /// <summary>The label key of a state or light as the API spells it (inProgress, in-progress, suspended ...).</summary>
    public static string Key(string prefix, string value) =>
        prefix + "." + value.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
