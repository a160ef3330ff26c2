using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class ProjectStepTests
{
    [Fact]
    public void Complete_Approval_ReadiesIndependentStepsInParallel()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();

        scenario.Finish("approval");

        // Steps needing no documents are received as they become ready; the survey and the risk assessment wait
        // for the pre-announcement to be published (实施条例 第二十六条).
        Assert.Equal(StepStatus.Waiting, scenario.Step("survey").Status);
        scenario.Do("pre_announcement", StepActions.Start);
        foreach (var key in new[] { "survey", "risk_assessment", "farmland_balance" })
        {
            Assert.Equal(StepStatus.Received, scenario.Step(key).Status);
        }

        Assert.Equal(StepStatus.Waiting, scenario.Step("compensation_plan").Status);
    }

    [Fact]
    public void Start_StepNotReady_IsRefusedAndChangesNothing()
    {
        var scenario = new ProjectScenario();
        var before = scenario.Snapshot();

        var refusal = scenario.Try("survey", StepActions.Start);

        Assert.Equal(Rules.StepNotReady, refusal!.Rule);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal(before, scenario.Snapshot());
        Assert.Empty(scenario.Project.Uncommitted);
    }

    [Fact]
    public void Act_OfficerOfAnotherDepartment_IsForbidden()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        var before = scenario.Snapshot();

        var refusal = scenario.Try("approval", StepActions.Start, actor: ProjectScenario.Officer("finance"));

        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
        Assert.Equal(Rules.WrongDepartment, refusal.Rule);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Fact]
    public void Act_ByAnEnterprise_IsForbidden()
    {
        var scenario = new ProjectScenario();

        var refusal = scenario.Try("approval", StepActions.Start, actor: ProjectScenario.Owner);

        Assert.Equal(RefusalKind.Forbidden, refusal!.Kind);
    }

    [Fact]
    public void Act_CountyOfficerOfAnotherCounty_SeesNothing()
    {
        var scenario = new ProjectScenario();
        var elsewhere = new Actor("off-anji", Roles.Officer, Department: "development-reform", County: "330523");

        var refusal = scenario.Try("approval", StepActions.Start, actor: elsewhere);

        Assert.Equal(RefusalKind.NotFound, refusal!.Kind);
    }

    [Fact]
    public void Start_DocumentsNotSubmitted_IsRefusedNamingThem()
    {
        var scenario = new ProjectScenario();

        var refusal = scenario.Try("approval", StepActions.Start);

        Assert.Equal(Rules.DocumentsMissing, refusal!.Rule);
        Assert.Contains("project-proposal", refusal.Detail, StringComparison.Ordinal);
        Assert.Contains(scenario.Project.MissingDocuments(), m => m.Document.Key == "project-proposal");
    }

    [Fact]
    public void SubmitDocument_ByTheOwner_RemovesItFromTheMissingList()
    {
        var scenario = new ProjectScenario();

        Assert.Null(scenario.Project.SubmitDocument("project-proposal", ProjectScenario.Owner, scenario.Now));

        Assert.DoesNotContain(scenario.Project.MissingDocuments(), m => m.Document.Key == "project-proposal");
        Assert.Contains(scenario.Project.MissingDocuments(), m => m.Document.Key == "filing-package");
        Assert.Equal(EventKinds.DocumentSubmitted, scenario.Project.Uncommitted[^1].Kind);
    }

    [Fact]
    public void Complete_PreAnnouncementBeforeTenWorkingDays_IsRefused()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Finish("approval");
        scenario.Do("pre_announcement", StepActions.Start);
        scenario.AdvanceWorkingDays(9);
        var before = scenario.Snapshot();

        var refusal = scenario.Try("pre_announcement", StepActions.Complete);

        Assert.Equal("announcement-period", refusal!.Rule);
        Assert.Equal(before, scenario.Snapshot());

        // Ten full working days after the day it was posted: the eleventh working day.
        scenario.AdvanceWorkingDays(1);
        Assert.Equal("announcement-period", scenario.Try("pre_announcement", StepActions.Complete)!.Rule);
        scenario.AdvanceWorkingDays(1);
        scenario.Do("pre_announcement", StepActions.Complete);
    }

    [Fact]
    public void Complete_PlanAnnouncementBeforeThirtyDays_IsRefused()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.FinishAll("approval", "pre_announcement", "survey", "risk_assessment", "compensation_plan");
        scenario.Do("plan_announcement", StepActions.Start);
        var started = scenario.Now;
        scenario.AdvanceTo(started.AddDays(30).AddHours(-10));

        Assert.Equal("announcement-period", scenario.Try("plan_announcement", StepActions.Complete)!.Rule);

        scenario.AdvanceTo(started.AddDays(31));
        scenario.Do("plan_announcement", StepActions.Complete, ProjectScenario.PlainFacts("plan_announcement"));
    }

    [Theory]
    [InlineData("agreements", "agreements-incomplete")]
    [InlineData("farmland_balance", "farmland-unbalanced")]
    [InlineData("funds", "funds-not-in-place")]
    public void Start_FilingBeforeItsPrerequisite_IsRefusedWithTheNamedGate(string missing, string rule)
    {
        var scenario = new ProjectScenario();
        scenario.ThroughPlanAnnouncement();
        if (missing != "agreements")
        {
            scenario.Finish("agreements", new JsonObject { ["signedHouseholds"] = 10 });
        }

        if (missing != "funds")
        {
            scenario.Finish("funds", new JsonObject { ["depositedYuan"] = ProjectScenario.PlanTotalYuan });
        }

        if (missing != "farmland_balance")
        {
            scenario.Balance();
        }

        var before = scenario.Snapshot();

        var refusal = scenario.Try("filing", StepActions.Start);

        Assert.Equal(rule, refusal!.Rule);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Fact]
    public void Complete_FundsWithoutAmount_IsRefused()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.FinishAll("approval", "pre_announcement", "survey", "risk_assessment", "compensation_plan");
        scenario.Do("funds", StepActions.Start);

        Assert.Equal(Rules.FactRequired, scenario.Try("funds", StepActions.Complete)!.Rule);
        Assert.Equal("funds-not-in-place", scenario.Try("funds", StepActions.Complete, new JsonObject { ["depositedYuan"] = 0 })!.Rule);
        Assert.Equal(Rules.FactInvalid, scenario.Try("funds", StepActions.Complete, new JsonObject { ["depositedYuan"] = "lots" })!.Rule);
        scenario.Do("funds", StepActions.Complete, new JsonObject { ["depositedYuan"] = ProjectScenario.PlanTotalYuan });
    }

    [Fact]
    public void SuspendResume_ThreeWorkingDays_MovesTheDueDateByThree()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Do("approval", StepActions.Start);
        var due = scenario.Step("approval").DueAt!.Value;

        Assert.Equal(Rules.ReasonRequired, scenario.Try("approval", StepActions.Suspend)!.Rule);
        scenario.Do("approval", StepActions.Suspend, reason: "补正: the proposal lacks the land-use plan map.");
        scenario.AdvanceWorkingDays(3);
        scenario.Do("approval", StepActions.Resume);

        Assert.Equal(ProjectScenario.Environment.Calendar.ExtendByWorkingDays(due, 3), scenario.Step("approval").DueAt);
        Assert.Equal(3, scenario.Step("approval").SuspendedWorkingDays);
    }

    [Fact]
    public void Resume_NotSuspended_IsRefusedAsAStateConflict()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Do("approval", StepActions.Start);

        Assert.Equal(Rules.StepState, scenario.Try("approval", StepActions.Resume)!.Rule);
    }

    [Fact]
    public void Complete_Filing_ApprovesTheProjectAndOwesAConsumption()
    {
        var scenario = new ProjectScenario();
        scenario.ReadyForFiling();

        scenario.Finish("filing");

        Assert.Equal(ProjectStatus.Approved, scenario.State.Status);
        Assert.Equal(BalanceStatus.Consumed, scenario.State.Balance.Status);
        var owed = Assert.Single(scenario.State.PendingLedgerOperations);
        Assert.Equal(LedgerOperationKind.Consume, owed.Kind);
        Assert.Equal(StepStatus.Received, scenario.Step("acquisition_announcement").Status);
        Assert.NotNull(scenario.Step("acquisition_announcement").DueAt);
    }

    [Fact]
    public void Reject_Filing_RejectsTheProjectAndOwesARelease()
    {
        var scenario = new ProjectScenario();
        scenario.ReadyForFiling();
        scenario.Do("filing", StepActions.Start);

        scenario.Do("filing", StepActions.Reject, reason: "The quota lot is disputed.");

        Assert.Equal(ProjectStatus.Rejected, scenario.State.Status);
        Assert.Equal(BalanceStatus.Released, scenario.State.Balance.Status);
        Assert.Equal(LedgerOperationKind.Release, Assert.Single(scenario.State.PendingLedgerOperations).Kind);
        Assert.Equal(Rules.ProjectClosed, scenario.Try("acquisition_announcement", StepActions.Start)!.Rule);
    }

    [Fact]
    public void Withdraw_ReservedProject_OwesARelease()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Finish("approval");
        scenario.Balance();

        Assert.Equal(Rules.ReasonRequired, scenario.Project.Withdraw(ProjectScenario.Owner, null, scenario.Now)!.Rule);
        Assert.Null(scenario.Project.Withdraw(ProjectScenario.Owner, "The route was changed.", scenario.Now));

        Assert.Equal(ProjectStatus.Withdrawn, scenario.State.Status);
        Assert.Equal(LedgerOperationKind.Release, Assert.Single(scenario.State.PendingLedgerOperations).Kind);
    }

    [Fact]
    public void BeginReservation_Twice_IsRefusedOnceReserved()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Finish("approval");
        scenario.Balance();

        var refusal = scenario.Project.BeginReservation("farmland_balance", ProjectScenario.Officer("natural-resources"), null, scenario.Now, out var intent);

        Assert.Null(intent);
        Assert.Equal(RefusalKind.Conflict, refusal!.Kind);
    }

    [Fact]
    public void BeginReservation_EarlierIntentNotYetUndone_IsRefusedAndTheIntentKept()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Finish("approval");
        scenario.Do("farmland_balance", StepActions.Start);
        Assert.Null(scenario.Project.BeginReservation("farmland_balance", ProjectScenario.Officer("natural-resources"), null, scenario.Now, out var first));

        var refusal = scenario.Project.BeginReservation("farmland_balance", ProjectScenario.Officer("natural-resources"), null, scenario.Now, out var second);

        Assert.Null(second);
        Assert.Equal(Rules.ReservationPending, refusal!.Rule);
        Assert.Equal(first!.ReservationId, scenario.State.PendingReservation!.ReservationId);
    }

    [Fact]
    public void BeginReservation_NamedPools_PutTheProjectsCountyFirst()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Finish("approval");
        scenario.Do("farmland_balance", StepActions.Start);

        Assert.Null(scenario.Project.BeginReservation("farmland_balance", ProjectScenario.Officer("natural-resources"), ["330522", "330502"], scenario.Now, out var intent));

        Assert.Equal(["330502", "330522"], intent!.Pools);
        Assert.EndsWith("#r1", intent.ReservationId, StringComparison.Ordinal);
    }

    [Fact]
    public void Walk_WholeLife_CompletesTheProjectWithAnOrderedHistory()
    {
        var scenario = new ProjectScenario();
        // Seq 1 registered the project and seq 2 skipped the pre-review (batch track).
        var history = new List<ProjectEvent>();
        scenario.ReadyForFiling();
        history.AddRange(scenario.Project.Uncommitted);
        scenario.Project.MarkCommitted();

        foreach (var key in new[] { "filing", "acquisition_announcement", "payment_handover", "land_supply", "property_registration" })
        {
            scenario.Finish(key);
        }

        history.AddRange(scenario.Project.Uncommitted);
        Assert.Equal(ProjectStatus.Completed, scenario.State.Status);
        Assert.All(scenario.State.Steps, s => Assert.True(s.IsSettled, $"{s.Key} is {s.Status}"));
        Assert.Equal(Enumerable.Range(3, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        Assert.Equal(EventKinds.Complete, history[^1].Kind);
        Assert.Equal("property_registration", history[^1].Step);
    }

    [Fact]
    public void Walk_LegacyTemplate_FollowsTheTwoAnnouncementsOrder()
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(appliedOn: new DateOnly(2018, 4, 2)), registrant: ProjectScenario.Admin);
        scenario.SubmitAllDocuments();
        scenario.Balance();

        Assert.Equal(StepStatus.Received, scenario.Step("approval").Status);
        scenario.Finish("approval");
        Assert.Equal(ProjectStatus.Approved, scenario.State.Status);
        Assert.NotNull(scenario.Step("acquisition_announcement").DueAt);
        foreach (var key in new[] { "acquisition_announcement", "registration", "compensation_plan_announcement", "payment_handover", "land_supply", "property_registration" })
        {
            scenario.Finish(key);
        }

        Assert.Equal(ProjectStatus.Completed, scenario.State.Status);
    }
}
