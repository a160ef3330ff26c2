using System.Globalization;
using System.Text.RegularExpressions;
using Workflow.Contracts;

namespace Workflow.Bulletins;

/// <summary>How the bulletin's figures read in Chinese. Rates are fractions (0.85 is 85%); a change of rate is in
/// percentage points (个百分点).</summary>
public static partial class BulletinFigures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"2026年第49周" for "2026-W49"; the week text as given when it is not an ISO week.</summary>
    public static string WeekTitle(string week)
    {
        var match = IsoWeekPattern().Match(week ?? string.Empty);
        return match.Success
            ? $"{match.Groups[1].Value}年第{int.Parse(match.Groups[2].Value, Invariant)}周"
            : week ?? string.Empty;
    }

    public static string Date(DateOnly date) => date.ToString("yyyy年M月d日", Invariant);

    /// <summary>"92.3%", or "—" when nothing was completed.</summary>
    public static string Rate(double? rate) => rate is { } value ? (value * 100).ToString("0.0", Invariant) + "%" : "—";

    /// <summary>"+2.3个百分点" / "-1.0个百分点" / "持平", or "—" when either week is empty.</summary>
    public static string Change(double? change)
    {
        if (change is not { } value)
        {
            return "—";
        }

        var points = Math.Round(value * 100, 1);
        return points == 0 ? "持平" : points.ToString("+0.0;-0.0", Invariant) + "个百分点";
    }

    /// <summary>"上升2位" / "下降1位" / "不变", or "—" without a rank last week.</summary>
    public static string RankMove(BulletinRow row)
    {
        if (row.PreviousRank is not { } previous)
        {
            return "—";
        }

        var moved = previous - row.Rank;
        return moved switch
        {
            > 0 => $"上升{moved}位",
            < 0 => $"下降{-moved}位",
            _ => "不变",
        };
    }

    /// <summary>The words that mark a unit under the line, so a black-and-white print still says it.</summary>
    public const string BelowLineMark = "低于通报线";

    public const string AboveLineMark = "达标";

    [GeneratedRegex(@"^(\d{4})-W(\d{2})$")]
    private static partial Regex IsoWeekPattern();
}
