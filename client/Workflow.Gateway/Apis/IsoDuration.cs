using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflow.Gateway;

/// <summary>
/// ISO 8601 durations of fixed length: weeks, days, hours, minutes and seconds (P30D, PT2H, P1W, P1DT12H).
/// Years and months are refused: their length depends on where they start.
/// </summary>
public static partial class IsoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success || (match.Groups["time"].Success && match.Groups["time"].Length == 1))
        {
            return false;
        }

        var parts = new[] { "w", "d", "h", "m", "s" }.Select(name => match.Groups[name]).ToArray();
        if (!parts.Any(part => part.Success))
        {
            return false;
        }

        try
        {
            duration = TimeSpan.FromDays(7 * Number(parts[0]))
                + TimeSpan.FromDays(Number(parts[1]))
                + TimeSpan.FromHours(Number(parts[2]))
                + TimeSpan.FromMinutes(Number(parts[3]))
                + TimeSpan.FromSeconds(Number(parts[4]));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static double Number(Group group) =>
        group.Success ? double.Parse(group.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(
        @"^P(?:(?<w>\d{1,6})W)?(?:(?<d>\d{1,6})D)?(?<time>T(?:(?<h>\d{1,7})H)?(?:(?<m>\d{1,9})M)?(?:(?<s>\d{1,11}(?:\.\d{1,7})?)S)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
