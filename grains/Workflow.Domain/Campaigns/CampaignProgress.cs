namespace Workflow.Domain;

/// <summary>Completions in a campaign's scope and window in one ISO week, as the read model counts them:
/// <see cref="OnTime"/> 1 (before the limit ran out), 0 (late) or -1 (a step without a limit: never late, left out of rates).</summary>
public sealed record CampaignCompletions(string Week, int OnTime, long Count);

/// <summary>One ISO week of a campaign's window (clipped to the window at either end).</summary>
/// <param name="TargetLine">A count target: the completions due by the week's last day, pro rata of the window's days;
/// a rate target: the rate itself.</param>
public sealed record CampaignWeek(
    string Week,
    DateOnly First,
    DateOnly Last,
    long Completions,
    long Cumulative,
    double? OnTimeRate,
    double? CumulativeOnTimeRate,
    double TargetLine,
    string Verdict);

public sealed record CampaignStanding(IReadOnlyList<CampaignWeek> Weeks, long Completions, double? OnTimeRate, string Verdict);

/// <summary>
/// A campaign's week-by-week progress against its target, from the read model's completions and the workflow clock's
/// today. A count target is judged against a straight line from 0 on the eve of the first day to the target on the last:
/// a finished week against the line at its last day, the running week against the line at the start of today (so a day
/// is not owed before it has passed), and only whole completions are owed (the line rounded down). A rate target is judged on the cumulative on-time rate of the completions with a
/// limit. Once the target is met a count campaign stays met; after the window it is met or missed.
/// </summary>
public static class CampaignProgress
{
    public static CampaignStanding Fold(Campaign campaign, IEnumerable<CampaignCompletions> rows, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(rows);
        var byWeek = rows.GroupBy(r => r.Week, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var weeks = new List<CampaignWeek>();
        long cumulative = 0, judged = 0, onTime = 0;
        for (var monday = IsoWeeks.MondayOf(campaign.First); monday <= campaign.Last; monday = monday.AddDays(7))
        {
            var week = IsoWeeks.Of(monday);
            var first = monday < campaign.First ? campaign.First : monday;
            var last = monday.AddDays(6) > campaign.Last ? campaign.Last : monday.AddDays(6);
            var counted = byWeek.GetValueOrDefault(week) ?? [];
            var done = counted.Sum(r => r.Count);
            var weekJudged = counted.Where(r => r.OnTime >= 0).Sum(r => r.Count);
            var weekOnTime = counted.Where(r => r.OnTime == 1).Sum(r => r.Count);
            cumulative += done;
            judged += weekJudged;
            onTime += weekOnTime;
            var line = campaign.Target.Kind == CampaignTargets.Completions ? Line(campaign, last.AddDays(1)) : campaign.Target.Rate!.Value;
            var verdict = first > today ? CampaignVerdicts.Pending : Verdict(campaign, cumulative, Rate(judged, onTime), last < today ? last.AddDays(1) : today);
            weeks.Add(new CampaignWeek(week, first, last, done, cumulative, Rate(weekJudged, weekOnTime), Rate(judged, onTime), line, verdict));
        }

        var overall = today < campaign.First ? CampaignVerdicts.Pending : Verdict(campaign, cumulative, Rate(judged, onTime), today > campaign.Last ? campaign.Last.AddDays(1) : today);
        return new CampaignStanding(weeks, cumulative, Rate(judged, onTime), overall);
    }

    /// <summary>The completions owed by the start of <paramref name="day"/>: the target pro rata of the window's days passed.</summary>
    public static double Line(Campaign campaign, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var passed = Math.Clamp(day.DayNumber - campaign.First.DayNumber, 0, campaign.Days);
        return campaign.Target.Completions!.Value * (double)passed / campaign.Days;
    }

    /// <summary>The standing at the start of <paramref name="day"/> (the day after the window: the final verdict).</summary>
    private static string Verdict(Campaign campaign, long cumulative, double? rate, DateOnly day)
    {
        var over = day > campaign.Last;
        if (campaign.Target.Kind == CampaignTargets.Completions)
        {
            var target = campaign.Target.Completions!.Value;
            if (cumulative >= target)
            {
                return CampaignVerdicts.Met;
            }

            // Behind only when a whole completion owed is missing: 0 done of 0.3 owed is not behind.
            return over ? CampaignVerdicts.Missed : cumulative >= Math.Floor(Line(campaign, day) + 1e-9) ? CampaignVerdicts.OnTrack : CampaignVerdicts.Behind;
        }

        var reached = rate is { } r && r >= campaign.Target.Rate!.Value;
        if (over)
        {
            // Nothing judged in the whole window is no evidence the rate was kept.
            return reached ? CampaignVerdicts.Met : CampaignVerdicts.Missed;
        }

        return rate is null ? CampaignVerdicts.Pending : reached ? CampaignVerdicts.OnTrack : CampaignVerdicts.Behind;
    }

    private static double? Rate(long judged, long onTime) => judged == 0 ? null : (double)onTime / judged;
}
