using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

public sealed class ProjectCommitsTests
{
    private const string OwnerUscc = "91330500MA2JTR010T";
    private static readonly WorkflowEnvironment Environment = WorkflowEnvironment.Default();
    private static readonly Actor Owner = new("ent-rail", Roles.Enterprise, Uscc: OwnerUscc);
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Build_NothingStoredYet_CarriesIndexRowAndDeadline()
    {
        var project = Registered();

        var commit = ProjectCommits.Build(project, 0, Monday, stored: null);

        Assert.NotNull(commit.Index);
        Assert.Equal(["approval"], commit.Index.OpenSteps);
        Assert.NotNull(commit.Deadline);
    }

    [Fact]
    public void Build_DocumentSubmitted_LeavesIndexRowAndDeadlineOut()
    {
        var project = Registered();
        var stored = Committed(project, null, Monday);
        // A document for a step not yet ready (the filing): nothing is received, no deadline moves.
        var (_, document) = project.MissingDocuments().First(m => m.Step != "approval");

        Assert.Null(project.SubmitDocument(document.Key, Owner, Monday.AddMinutes(5)));
        var commit = ProjectCommits.Build(project, 1, Monday.AddMinutes(5), stored);

        Assert.Null(commit.Index);
        Assert.Null(commit.Deadline);
        Assert.Single(commit.Events);
    }

    [Fact]
    public void Build_DocumentCompletingAReadyStep_WritesItsAcceptanceDeadline()
    {
        var project = Registered();
        var stored = Committed(project, null, Monday);
        var (_, document) = project.MissingDocuments().Single(m => m.Step == "approval");

        Assert.Null(project.SubmitDocument(document.Key, Owner, Monday.AddMinutes(5)));
        var commit = ProjectCommits.Build(project, 1, Monday.AddMinutes(5), stored);

        Assert.Equal(project.State.FindStep("approval")!.AcceptBy, commit.Deadline!.DueAt);
    }

    [Fact]
    public void Build_StepStarted_WritesTheNewDeadlineButNotTheIndexRow()
    {
        var project = Registered();
        var stored = Committed(project, null, Monday);
        SubmitAll(project);
        stored = Committed(project, stored, Monday);

        Assert.Null(project.Act("approval", StepActions.Start, Officer(project, "approval"), null, null, Monday.AddHours(1)));
        var commit = ProjectCommits.Build(project, 2, Monday.AddHours(1), stored);

        Assert.Null(commit.Index);
        Assert.NotNull(commit.Deadline);
        Assert.Equal(project.NextDeadline(Monday.AddHours(1)), commit.Deadline.DueAt);
    }

    [Fact]
    public void Build_StepCompleted_WritesTheIndexRowWithTheNewOpenSteps()
    {
        var project = Registered();
        var stored = Committed(project, null, Monday);
        SubmitAll(project);
        Assert.Null(project.Act("approval", StepActions.Start, Officer(project, "approval"), null, null, Monday.AddHours(1)));
        stored = Committed(project, stored, Monday.AddHours(1));

        Assert.Null(project.Act("approval", StepActions.Complete, Officer(project, "approval"), null, null, Monday.AddHours(2)));
        var commit = ProjectCommits.Build(project, 3, Monday.AddHours(2), stored);

        Assert.NotNull(commit.Index);
        Assert.DoesNotContain("approval", commit.Index.OpenSteps);
        Assert.Contains("pre_announcement", commit.Index.OpenSteps);
        Assert.Equal(Monday.AddHours(2), commit.Index.UpdatedAt);
    }

    private static Project Registered()
    {
        var registration = new ProjectRegistration(
            "湖州市域铁路示范段", OwnerUscc, "330502", "rail", Tracks.Batch, 200m, 100m, 40m, 7, false, 10, SupplyModes.Allocation);
        var project = Project.Register(ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 1), registration, Owner, Monday, Environment, out var refusal)
            ?? throw new InvalidOperationException($"Registration refused: {refusal}");
        return project;
    }

    private static ProjectStoredRows Committed(Project project, ProjectStoredRows? stored, DateTimeOffset now)
    {
        var commit = ProjectCommits.Build(project, 0, now, stored);
        project.MarkCommitted();
        return ProjectCommits.After(commit, stored);
    }

    private static void SubmitAll(Project project)
    {
        foreach (var (_, document) in project.MissingDocuments())
        {
            Assert.Null(project.SubmitDocument(document.Key, Owner, Monday));
        }
    }

    private static Actor Officer(Project project, string step) =>
        new("off", Roles.Officer, Department: project.State.FindStep(step)!.Department);
}
