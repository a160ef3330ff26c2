using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>Clocks from receipt (行政许可法 第三十二条, 第四十二条): the acceptance window, acceptance on receipt, the one
/// supplement request and the one extension.</summary>
public sealed class ReceiptClockTests
{
    private static readonly WorkingCalendar Calendar = ProjectScenario.Environment.Calendar;

    [Fact]
    public void SubmitDocuments_ReadyStep_IsReceivedWithAnAcceptanceWindowAndADueDateFromReceipt()
    {
        var scenario = new ProjectScenario();
        Assert.Equal(StepStatus.Ready, scenario.Step("approval").Status);
        Assert.Null(scenario.Step("approval").DueAt);

        scenario.SubmitAllDocuments();

        var approval = scenario.Step("approval");
        Assert.Equal(StepStatus.Received, approval.Status);
        Assert.Equal(scenario.Now, approval.ReceivedAt);
        var receiptDay = WorkingCalendar.LocalDate(scenario.Now);
        Assert.Equal(WorkingCalendar.StartOfDay(Calendar.AddWorkingDays(receiptDay, 5).AddDays(1)), approval.AcceptBy);
        Assert.Equal(ProjectScenario.Environment.Clock.DueAt(scenario.Now, new TimeLimit(20, TimeUnit.WorkingDays)), approval.DueAt);
    }

    [Fact]
    public void RefreshLights_ReceivedStepNobodyTouches_IsAcceptedOnReceiptThenYellowThenRedFromReceipt()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Project.MarkCommitted();
        var receivedAt = scenario.Now;
        var due = scenario.Step("approval").DueAt!.Value;

        // The acceptance window ends at the end of the 5th working day after receipt; the deadline path wakes then.
        Assert.Equal(scenario.Step("approval").AcceptBy, scenario.Project.NextDeadline(scenario.Now));
        scenario.AdvanceWorkingDays(4);
        scenario.Project.RefreshLights(scenario.Now);
        Assert.Equal(StepStatus.Received, scenario.Step("approval").Status);

        scenario.AdvanceTo(scenario.Step("approval").AcceptBy!.Value);
        Assert.True(scenario.Project.RefreshLights(scenario.Now));
        var approval = scenario.Step("approval");
        Assert.Equal(StepStatus.InProgress, approval.Status);
        Assert.True(approval.AcceptedOnReceipt);
        Assert.Equal(receivedAt, approval.AcceptedAt);
        Assert.Equal(due, approval.DueAt);
        var accepted = Assert.Single(scenario.Project.Uncommitted, e => e.Kind == EventKinds.AcceptedOnReceipt);
        Assert.Equal("system", accepted.Actor);
        Assert.Equal("approval", accepted.Step);

        // 20 working days from receipt: yellow at the start of the 17th (80% used), red once due.
        scenario.AdvanceTo(WorkingCalendar.StartOfDay(Calendar.AddWorkingDays(WorkingCalendar.LocalDate(receivedAt), 16)));
        scenario.Project.RefreshLights(scenario.Now);
        Assert.Equal(Light.Green, scenario.Step("approval").Light);
        scenario.AdvanceTo(WorkingCalendar.StartOfDay(Calendar.AddWorkingDays(WorkingCalendar.LocalDate(receivedAt), 17)));
        scenario.Project.RefreshLights(scenario.Now);
        Assert.Equal(Light.Yellow, scenario.Step("approval").Light);
        scenario.AdvanceTo(due);
        scenario.Project.RefreshLights(scenario.Now);
        Assert.Equal(Light.Red, scenario.Step("approval").Light);
    }

    [Fact]
    public void Start_WithinTheWindow_CountsTheLimitFromAcceptance()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.AdvanceWorkingDays(3);

        scenario.Do("approval", StepActions.Start);

        var approval = scenario.Step("approval");
        Assert.False(approval.AcceptedOnReceipt);
        Assert.Equal(scenario.Now, approval.AcceptedAt);
        Assert.Equal(ProjectScenario.Environment.Clock.DueAt(scenario.Now, new TimeLimit(20, TimeUnit.WorkingDays)), approval.DueAt);
    }

    [Fact]
    public void Start_AfterASilentWindow_RecordsAcceptanceOnReceiptAndKeepsTheClockFromReceipt()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        var due = scenario.Step("approval").DueAt;
        scenario.Project.MarkCommitted();
        scenario.AdvanceWorkingDays(7);

        scenario.Do("approval", StepActions.Start);

        Assert.Equal([EventKinds.AcceptedOnReceipt, EventKinds.Start], scenario.Project.Uncommitted.Where(e => e.Kind != EventKinds.Light).Select(e => e.Kind));
        Assert.Equal(due, scenario.Step("approval").DueAt);
        Assert.Equal(StepStatus.InProgress, scenario.Step("approval").Status);
        Assert.Equal(Rules.StepState, scenario.Try("approval", StepActions.Start)!.Rule);
    }

    [Fact]
    public void Suspend_DuringAcceptance_AsksOnceAndTheSupplementIsReceivedAnew()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.AdvanceWorkingDays(2);

        scenario.Do("approval", StepActions.Suspend, reason: "补正：项目申请书缺少投资估算。");
        Assert.Equal(StepStatus.Suspended, scenario.Step("approval").Status);
        Assert.Null(scenario.Project.NextDeadline(scenario.Now));
        scenario.AdvanceWorkingDays(4);
        scenario.Do("approval", StepActions.Resume);

        var approval = scenario.Step("approval");
        Assert.Equal(StepStatus.Received, approval.Status);
        Assert.Equal(scenario.Now, approval.ReceivedAt);
        Assert.Equal(ProjectScenario.Environment.Clock.DueAt(scenario.Now, new TimeLimit(20, TimeUnit.WorkingDays)), approval.DueAt);

        var before = scenario.Snapshot();
        var refusal = scenario.Try("approval", StepActions.Suspend, reason: "补正：再缺一份材料。");
        Assert.Equal(Rules.SupplementAlreadyRequested, refusal!.Rule);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Fact]
    public void Extend_WithReasonAndWorkingDays_MovesTheDueDateOnce()
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        scenario.Do("approval", StepActions.Start);
        var due = scenario.Step("approval").DueAt!.Value;
        scenario.Project.MarkCommitted();

        scenario.Do("approval", StepActions.Extend, new JsonObject { ["workingDays"] = 10 }, "需要组织专家评审，经负责人批准延长十日。");

        Assert.Equal(Calendar.ExtendByWorkingDays(due, 10), scenario.Step("approval").DueAt);
        Assert.Equal(10, scenario.Step("approval").ExtendedWorkingDays);
        var extended = Assert.Single(scenario.Project.Uncommitted, e => e.Kind == EventKinds.Extend);
        Assert.Equal(10, extended.Facts!["workingDays"]!.GetValue<int>());

        var before = scenario.Snapshot();
        Assert.Equal(Rules.ExtensionAlreadyGranted, scenario.Try("approval", StepActions.Extend, new JsonObject { ["workingDays"] = 1 }, "again")!.Rule);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Theory]
    [InlineData(11.0, "reason", Rules.ExtensionTooLong)]
    [InlineData(0.0, "reason", Rules.FactInvalid)]
    [InlineData(2.5, "reason", Rules.FactInvalid)]
    [InlineData(null, "reason", Rules.FactRequired)]
    [InlineData(5.0, null, Rules.ReasonRequired)]
    public void Extend_BadRequest_IsRefusedAndChangesNothing(double? days, string? reason, string rule)
    {
        var scenario = new ProjectScenario();
        scenario.SubmitAllDocuments();
        var before = scenario.Snapshot();
        var facts = days is null ? new JsonObject() : new JsonObject { ["workingDays"] = days };

        Assert.Equal(rule, scenario.Try("approval", StepActions.Extend, facts, reason)!.Rule);
        Assert.Equal(before, scenario.Snapshot());
    }

    [Fact]
    public void Extend_StepNotYetReceived_IsRefusedByItsState()
    {
        var scenario = new ProjectScenario();

        // The approval waits for the owner's documents: nothing is received, no limit runs.
        Assert.Equal(Rules.StepState, scenario.Try("approval", StepActions.Extend, new JsonObject { ["workingDays"] = 3 }, "r")!.Rule);
    }

    [Fact]
    public void Extend_StepWithoutATimeLimit_IsNotApplicable()
    {
        var template = TemplateCatalog.Parse("""
            { "id": "T", "version": 1, "name": "t", "nameZh": "t", "appliesFrom": "2000-01-01",
              "steps": [ { "key": "only", "name": "o", "nameZh": "o", "department": "registry", "kind": "Final" } ] }
            """);
        var environment = new WorkflowEnvironment(Calendar, new TemplateCatalog([template]), new WorkflowRules(), FarmlandBalanceRuleBook.Standard);
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var project = Project.Register(ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 1), ProjectScenario.Registration(), ProjectScenario.Owner, now, environment, out _)!;

        Assert.Equal(StepStatus.Received, project.State.FindStep("only")!.Status);
        var refusal = project.Act("only", StepActions.Extend, ProjectScenario.Officer("registry"), "r", new JsonObject { ["workingDays"] = 3 }, now);
        Assert.Equal(Rules.ExtensionNotApplicable, refusal!.Rule);
    }
}
