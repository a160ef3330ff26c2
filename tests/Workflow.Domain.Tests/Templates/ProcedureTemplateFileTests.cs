using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>The homestead and rectification procedures exist because their template files say so: a catalog of those
/// files alone knows them, and registers and runs them.</summary>
public sealed class ProcedureTemplateFileTests
{
    [Fact]
    public void Catalog_OfTheProcedureFilesAlone_KnowsTheirProceduresStepsAndDepartments()
    {
        var catalog = FromFiles("HOMESTEAD.v1.json", "RECTIFICATION.v1.json");

        Assert.Equal(["homestead", "rectification"], catalog.ProcedureNames);
        Assert.Equal(["collective_discussion", "entitlement_review", "planning_review", "township_approval"],
            catalog.FindForApplication("homestead", new DateOnly(2026, 3, 2))!.Steps.Select(s => s.Key));
        Assert.Equal(["agriculture-rural", "land-enforcement", "natural-resources", "township-government", "village-collective"], catalog.Departments);
        Assert.Null(catalog.FindForApplication(Procedures.LandAcquisition, new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Register_OnACatalogOfTheHomesteadFileAlone_RunsItToTheTownshipsApproval()
    {
        var defaults = WorkflowEnvironment.Default();
        var environment = new WorkflowEnvironment(defaults.Calendar, FromFiles("HOMESTEAD.v1.json"), defaults.Rules, defaults.BalanceRules);
        var collective = new Actor("col-lianhua", Roles.Enterprise, Uscc: ProcedureRegistrationTests.CollectiveUscc);
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var project = Project.Register(ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "90", 7), ProcedureRegistrationTests.Homestead(),
            collective, now, environment, out var refusal)!;
        Assert.Null(refusal);
        foreach (var document in project.MissingDocuments())
        {
            Assert.Null(project.SubmitDocument(document.Document.Key, collective, now));
        }

        foreach (var step in project.Template.Steps)
        {
            var officer = new Actor("off-" + step.Department, Roles.Officer, Department: step.Department);
            Assert.Null(project.Act(step.Key, "start", officer, null, null, now));
            if (project.State.FindStep(step.Key)!.EarliestCompletionAt is { } earliest)
            {
                now = earliest;
            }

            var facts = step.CompletionFacts.Count == 0 ? null : new JsonObject { ["holdsHomestead"] = false };
            Assert.Null(project.Act(step.Key, "complete", officer, null, facts, now));
        }

        Assert.Equal(ProjectStatus.Completed, project.State.Status);
    }

    [Fact]
    public void Validator_ProcedureWithoutRegistrationOrWithUndeclaredCheckFact_IsReported()
    {
        var template = TemplateCatalog.Parse("""
            {"id":"P","version":1,"procedure":"p","name":"p","nameZh":"p","appliesFrom":"2020-01-01",
             "registration":{"codeType":"9","fields":["acres"],"registeredBy":["mayor"],
               "checks":[{"rule":"r","fact":"ghost","detail":"d","atMost":1}]},
             "steps":[{"key":"a","name":"a","nameZh":"a","department":"d","kind":"Final"}]}
            """);

        var problems = TemplateValidator.Problems(template);

        Assert.Contains("the registration's codeType must be 2 digits", problems);
        Assert.Contains("the registration uses unknown field 'acres'", problems);
        Assert.Contains("unknown registrar 'mayor'", problems);
        Assert.Contains("check 'r' is on undeclared fact 'ghost'", problems);
        Assert.Contains("procedure 'q' declares no registration",
            TemplateValidator.Problems(TemplateCatalog.Parse("""{"id":"Q","version":1,"procedure":"q","name":"q","nameZh":"q","appliesFrom":"2020-01-01","steps":[{"key":"a","name":"a","nameZh":"a","department":"d","kind":"Final"}]}""")));
    }

    [Fact]
    public void ForApplication_WithOtherProceduresInTheCatalog_StillPicksLandAcquisition()
    {
        var catalog = TemplateCatalog.Embedded();

        Assert.Equal("LAL_2020", catalog.ForApplication(new DateOnly(2026, 3, 2)).Id);
        Assert.Equal(["homestead", Procedures.LandAcquisition, "rectification"], catalog.ProcedureNames);
    }

    private static TemplateCatalog FromFiles(params string[] names) =>
        new(names.Select(name => TemplateCatalog.Parse(File.ReadAllText(Path.Combine(TemplatesDirectory(), name)))));

    /// <summary>The template files in the source tree, not the embedded copies.</summary>
    private static string TemplatesDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workflow.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Workflow.sln not found."), "grains", "Workflow.Domain", "Templates");
    }
}
