using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflow.Bulletins;

/// <summary>An ISO week as the bulletin names it: "2026-W49" (year, W, two-digit week that the year has).</summary>
public static partial class BulletinWeek
{
    public static bool IsValid(string? week)
    {
        var match = Pattern().Match(week ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return year is >= 1 and <= 9998 && number >= 1 && number <= ISOWeek.GetWeeksInYear(year);
    }

    [GeneratedRegex(@"^(\d{4})-W(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
