using System.Text.Json.Nodes;
using Workflow.Domain;
using static Workflow.Testing.Analytics.AnalyticsTestTemplate;

namespace Workflow.Projections.Tests;

public sealed class AnalyticsFoldTests
{
    private readonly AnalyticsFold fold = new(TestProcedure);

    private (ProjectTrack Track, List<StepVisit> Completed) Run(params ProjectEvent[] events)
    {
        ProjectTrack? track = null;
        var completed = new List<StepVisit>();
        foreach (var e in events)
        {
            var changes = new FoldChanges();
            track = fold.Apply(track, "330100", e, changes);
            completed.AddRange(changes.Completed);
        }

        return (track!, completed);
    }

    [Fact]
    public void Fold_StepWorkedAcrossNationalDay_CountsWorkingDaysOfTheShippedCalendar()
    {
        // 2025-09-30 (Tue) received and accepted; done 2025-10-10 (Fri): 1–8 October are days off, 9 and 10 work, so 2 days.
        var (track, completed) = Run(
            Registered(1, At(new DateOnly(2025, 9, 29)), "330102"),
            Act(2, At(new DateOnly(2025, 9, 30)), EventKinds.DocumentSubmitted, "intake", new JsonObject { ["key"] = "form" }),
            Act(3, At(new DateOnly(2025, 9, 30), 10), EventKinds.Start, "intake"),
            Act(4, At(new DateOnly(2025, 10, 10)), EventKinds.Complete, "intake"));

        var intake = Assert.Single(completed);
        Assert.Equal(0, intake.WaitDays);
        Assert.Equal(2, intake.WorkDays);
        Assert.True(intake.OnTime);
        Assert.Equal(VisitStates.Received, track.Visits["review"].State);
        Assert.Equal(At(new DateOnly(2025, 10, 10)), track.Visits["review"].ReceivedAt);
    }

    [Fact]
    public void Fold_ReceivedBeforeTheFormAndSuspended_WaitsFromTheFormAndStopsTheClockWhileSuspended()
    {
        var monday = new DateOnly(2026, 3, 2);
        var (track, completed) = Run(
            Registered(1, At(monday), "330102"),
            Act(2, At(monday.AddDays(2)), EventKinds.DocumentSubmitted, "intake", new JsonObject { ["key"] = "form" }),
            Act(3, At(monday.AddDays(4)), EventKinds.Start, "intake"),
            Act(4, At(monday.AddDays(7)), EventKinds.Suspend, "intake"),
            Act(5, At(monday.AddDays(14)), EventKinds.Resume, "intake", new JsonObject { ["suspendedWorkingDays"] = 5 }),
            Act(6, At(monday.AddDays(16)), EventKinds.Complete, "intake"));

        var intake = Assert.Single(completed);
        Assert.Equal(2, intake.WaitDays);   // Wednesday → Friday
        Assert.Equal(3, intake.WorkDays);   // Friday → Wednesday two weeks on is 8 working days, 5 of them suspended
        Assert.False(track.Visits["intake"].IsOpen);
    }

    [Fact]
    public void Fold_ReopenedStep_OpensASecondRoundAndKeepsTheFirst()
    {
        var monday = new DateOnly(2026, 3, 2);
        var (track, completed) = Run(
            Registered(1, At(monday), "330102"),
            Act(2, At(monday), EventKinds.DocumentSubmitted, "intake", new JsonObject { ["key"] = "form" }),
            Act(3, At(monday.AddDays(1)), EventKinds.Start, "intake"),
            Act(4, At(monday.AddDays(2)), EventKinds.Complete, "intake"),
            Act(5, At(monday.AddDays(3)), EventKinds.Reopened, "intake", new JsonObject { ["round"] = 2 }));

        Assert.Equal(1, Assert.Single(completed).Round);
        Assert.Equal(2, track.Visits["intake"].Round);
        Assert.Equal(VisitStates.Received, track.Visits["intake"].State);
    }

    [Fact]
    public void Fold_LightTurnsRed_OpenVisitIsRedAndTheTurnCounted()
    {
        var monday = new DateOnly(2026, 3, 2);
        var changes = new FoldChanges();
        var (track, _) = Run(
            Registered(1, At(monday), "330102"),
            Act(2, At(monday), EventKinds.DocumentSubmitted, "intake", new JsonObject { ["key"] = "form" }));
        fold.Apply(track, "330100", Act(3, At(monday.AddDays(9)), EventKinds.Light, "intake", new JsonObject { ["from"] = "yellow", ["to"] = "red" }), changes);

        Assert.Equal("red", track.Visits["intake"].Light);
        Assert.Single(changes.TurnedRed);
    }

    [Theory]
    [InlineData("2026-W01", 2025, 12, 29)]
    [InlineData("2026-W53", 2026, 12, 28)]
    [InlineData("2025-W40", 2025, 9, 29)]
    public void IsoWeeks_Parse_GivesTheMondayAndRoundTrips(string week, int year, int month, int day)
    {
        Assert.True(IsoWeeks.TryParse(week, out var monday));
        Assert.Equal(new DateOnly(year, month, day), monday);
        Assert.Equal(week, IsoWeeks.Of(monday.AddDays(6)));
    }

    [Theory]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026W01")]
    [InlineData("")]
    public void IsoWeeks_ParseOfNoWeek_Fails(string text) => Assert.False(IsoWeeks.TryParse(text, out _));

    [Fact]
    public void DwellPercentiles_Percentiles_AreNearestRank()
    {
        var counts = new Dictionary<int, long> { [1] = 4, [3] = 4, [10] = 2 };
        Assert.Equal(3, DwellPercentiles.Median(counts));
        Assert.Equal(10, DwellPercentiles.P90(counts));
        Assert.Null(DwellPercentiles.Median(new Dictionary<int, long>()));
    }

    [Fact]
    public void DashboardScope_CountyOfficerAskingForAnotherCounty_SeesNothing()
    {
        var officer = DashboardScope.Of(new Actor("o1", Roles.Officer, Department: "natural-resources", County: "330102"))!;
        Assert.Null(officer.Narrow("330103", null));
        Assert.Equal(new DashboardScope("330102", "natural-resources", null), officer.Narrow(null, null));
        Assert.Null(DashboardScope.Of(new Actor("e1", Roles.Enterprise, Uscc: "x")));
        Assert.Equal(DashboardScope.Everything, DashboardScope.Of(new Actor("l1", Roles.Leader)));
    }
}
