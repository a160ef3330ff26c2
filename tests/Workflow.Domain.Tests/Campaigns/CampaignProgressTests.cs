using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class CampaignProgressTests
{
    // Monday 2 November (2026-W45) to Sunday 27 December 2026 (2026-W52): 8 weeks, 56 days.
    private static Campaign Count(int target = 80, DateOnly? first = null, DateOnly? last = null) => new()
    {
        Id = "c-1",
        Title = "四季度用地报批攻坚",
        First = first ?? new DateOnly(2026, 11, 2),
        Last = last ?? new DateOnly(2026, 12, 27),
        Scope = new CampaignScope([], Procedures.LandAcquisition, ["approval"], []),
        Target = new CampaignTarget(CampaignTargets.Completions, target, null),
    };

    private static Campaign Rate(double rate)
    {
        var campaign = Count();
        campaign.Target = new CampaignTarget(CampaignTargets.OnTimeRate, null, rate);
        return campaign;
    }

    [Fact]
    public void Fold_CountTargetInTheThirdWeek_WeeksJudgedAgainstTheProRataLine()
    {
        CampaignCompletions[] rows = [new("2026-W45", 1, 12), new("2026-W46", 1, 4), new("2026-W46", 0, 2), new("2026-W47", -1, 3)];

        var standing = CampaignProgress.Fold(Count(), rows, today: new DateOnly(2026, 11, 18));

        Assert.Equal(8, standing.Weeks.Count);
        Assert.Equal(["2026-W45", "2026-W46", "2026-W47"], standing.Weeks.Take(3).Select(w => w.Week));
        Assert.Equal([12L, 6, 3, 0], standing.Weeks.Take(4).Select(w => w.Completions));
        Assert.Equal([12L, 18, 21, 21], standing.Weeks.Take(4).Select(w => w.Cumulative));
        Assert.Equal([10.0, 20, 30, 40, 50, 60, 70, 80], standing.Weeks.Select(w => Math.Round(w.TargetLine, 6)));
        // Week 45: 12 of 10 owed; week 46: 18 of 20; the running week: 21 of 22.9 owed by the start of Wednesday.
        Assert.Equal([CampaignVerdicts.OnTrack, CampaignVerdicts.Behind, CampaignVerdicts.Behind, CampaignVerdicts.Pending],
            standing.Weeks.Take(4).Select(w => w.Verdict));
        Assert.Equal(CampaignVerdicts.Behind, standing.Verdict);
        Assert.Equal(21, standing.Completions);
        // A step without a limit counts as a completion but not in the rate: 16 of 18 judged were on time.
        Assert.Equal(16.0 / 18, standing.OnTimeRate!.Value, 9);
        Assert.Equal(4.0 / 6, standing.Weeks[1].OnTimeRate!.Value, 9);
        Assert.Null(standing.Weeks[2].OnTimeRate);
    }

    [Fact]
    public void Fold_RunningWeekAheadOfTodaysLine_OnTrack()
    {
        // By the start of Wednesday 4 November two days of 56 have passed: 2.86 owed, 3 done.
        var standing = CampaignProgress.Fold(Count(), [new("2026-W45", 1, 3)], today: new DateOnly(2026, 11, 4));

        Assert.Equal(CampaignVerdicts.OnTrack, standing.Weeks[0].Verdict);
        Assert.Equal(CampaignVerdicts.OnTrack, standing.Verdict);
    }

    [Fact]
    public void Fold_LessThanOneCompletionOwed_NotBehind()
    {
        // By the start of 3 November one day of 56 has passed: 20/56 = 0.36 owed is no whole completion; 80/56 = 1.43 is one.
        var twenty = CampaignProgress.Fold(Count(target: 20), [], today: new DateOnly(2026, 11, 3));
        var eighty = CampaignProgress.Fold(Count(target: 80), [], today: new DateOnly(2026, 11, 3));

        Assert.Equal(CampaignVerdicts.OnTrack, twenty.Verdict);
        Assert.Equal(CampaignVerdicts.OnTrack, twenty.Weeks[0].Verdict);
        Assert.Equal(CampaignVerdicts.Behind, eighty.Verdict);
    }

    [Fact]
    public void Fold_TargetReachedEarly_MetFromThatWeekOn()
    {
        var standing = CampaignProgress.Fold(Count(target: 20), [new("2026-W45", 1, 8), new("2026-W46", 1, 13)], today: new DateOnly(2026, 11, 30));

        Assert.Equal([CampaignVerdicts.OnTrack, CampaignVerdicts.Met, CampaignVerdicts.Met, CampaignVerdicts.Met, CampaignVerdicts.Met, CampaignVerdicts.Pending],
            standing.Weeks.Take(6).Select(w => w.Verdict));
        Assert.Equal(CampaignVerdicts.Met, standing.Verdict);
    }

    [Fact]
    public void Fold_AfterTheWindowShortOfTheTarget_Missed()
    {
        var rows = Enumerable.Range(45, 8).Select(week => new CampaignCompletions($"2026-W{week}", 1, 9)).ToList();

        var standing = CampaignProgress.Fold(Count(), rows, today: new DateOnly(2027, 1, 4));

        Assert.Equal(72, standing.Completions);
        Assert.Equal(CampaignVerdicts.Behind, standing.Weeks[6].Verdict);
        Assert.Equal(CampaignVerdicts.Missed, standing.Weeks[7].Verdict);
        Assert.Equal(CampaignVerdicts.Missed, standing.Verdict);
    }

    [Fact]
    public void Fold_WindowOfPartWeeks_ClipsTheWeeksAndTheLineRunsByDays()
    {
        // Wednesday 4 to Tuesday 17 November: 5 days of W45, all of W46, 2 days of W47.
        var campaign = Count(target: 14, first: new DateOnly(2026, 11, 4), last: new DateOnly(2026, 11, 17));

        var standing = CampaignProgress.Fold(campaign, [], today: new DateOnly(2026, 11, 1));

        Assert.Equal(["2026-W45", "2026-W46", "2026-W47"], standing.Weeks.Select(w => w.Week));
        Assert.Equal(new DateOnly(2026, 11, 4), standing.Weeks[0].First);
        Assert.Equal(new DateOnly(2026, 11, 17), standing.Weeks[2].Last);
        Assert.Equal([5.0, 12, 14], standing.Weeks.Select(w => Math.Round(w.TargetLine, 6)));
        Assert.All(standing.Weeks, w => Assert.Equal(CampaignVerdicts.Pending, w.Verdict));
        Assert.Equal(CampaignVerdicts.Pending, standing.Verdict);
    }

    [Fact]
    public void Fold_RateTarget_JudgedOnTheCumulativeRateOfCompletionsWithALimit()
    {
        CampaignCompletions[] rows = [new("2026-W45", 1, 9), new("2026-W45", 0, 1), new("2026-W45", -1, 5), new("2026-W46", 1, 1), new("2026-W46", 0, 1)];

        var standing = CampaignProgress.Fold(Rate(0.9), rows, today: new DateOnly(2026, 11, 20));

        Assert.Equal(15, standing.Weeks[0].Completions);
        Assert.Equal(0.9, standing.Weeks[0].OnTimeRate!.Value, 9);
        Assert.Equal(CampaignVerdicts.OnTrack, standing.Weeks[0].Verdict);
        Assert.Equal(0.5, standing.Weeks[1].OnTimeRate!.Value, 9);
        Assert.Equal(10.0 / 12, standing.Weeks[1].CumulativeOnTimeRate!.Value, 9);
        Assert.Equal(CampaignVerdicts.Behind, standing.Weeks[1].Verdict);
        Assert.All(standing.Weeks, w => Assert.Equal(0.9, w.TargetLine));
        Assert.Equal(CampaignVerdicts.Behind, standing.Verdict);
    }

    [Fact]
    public void Fold_RateTargetWithNothingJudged_PendingDuringTheWindowMissedAfter()
    {
        CampaignCompletions[] unlimited = [new("2026-W45", -1, 4)];

        Assert.Equal(CampaignVerdicts.Pending, CampaignProgress.Fold(Rate(0.9), unlimited, today: new DateOnly(2026, 11, 20)).Verdict);
        Assert.Equal(CampaignVerdicts.Missed, CampaignProgress.Fold(Rate(0.9), unlimited, today: new DateOnly(2027, 1, 1)).Verdict);
        Assert.Equal(CampaignVerdicts.Met, CampaignProgress.Fold(Rate(0.9), [new("2026-W50", 1, 2)], today: new DateOnly(2027, 1, 1)).Verdict);
    }
}
