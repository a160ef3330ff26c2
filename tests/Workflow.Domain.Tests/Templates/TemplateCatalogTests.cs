using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class TemplateCatalogTests
{
    private static readonly TemplateCatalog Catalog = TemplateCatalog.Embedded();

    [Fact]
    public void Embedded_Lal2020_HasEveryStepKeyOfTheApi()
    {
        string[] expected =
        [
            "approval", "prereview", "pre_announcement", "survey", "risk_assessment", "compensation_plan", "plan_announcement",
            "hearing", "registration", "agreements", "farmland_balance", "funds", "filing", "acquisition_announcement",
            "payment_handover", "land_supply", "property_registration",
        ];

        var template = Catalog.Get("LAL_2020", 1);

        Assert.Equal(expected.Order(), template.Steps.Select(s => s.Key).Order());
    }

    [Theory]
    [InlineData("2019-12-31", "LEGACY_2004")]
    [InlineData("2020-01-01", "LAL_2020")]
    [InlineData("2026-11-27", "LAL_2020")]
    [InlineData("2008-05-01", "LEGACY_2004")]
    public void ForApplication_ByDate_PicksTheTemplateInForce(string appliedOn, string expected)
    {
        Assert.Equal(expected, Catalog.ForApplication(DateOnly.Parse(appliedOn, System.Globalization.CultureInfo.InvariantCulture)).Id);
    }

    [Fact]
    public void Embedded_Legacy2004_ApprovalComesBeforeTheAnnouncements()
    {
        var template = Catalog.Get("LEGACY_2004", 1);

        Assert.Contains("approval", template.Step("acquisition_announcement").DependsOn);
        Assert.Contains("acquisition_announcement", template.Step("registration").DependsOn);
        Assert.Contains("registration", template.Step("compensation_plan_announcement").DependsOn);
        Assert.Equal(new TimeLimit(3, TimeUnit.Months), template.Step("payment_handover").TimeLimit);
    }

    [Fact]
    public void Embedded_Lal2020_PreReviewOnlyOnTheStandaloneTrack()
    {
        var prereview = Catalog.Get("LAL_2020", 1).Step("prereview");

        Assert.True(prereview.AppliesWhen!.Matches(Tracks.Standalone, SupplyModes.Allocation));
        Assert.False(prereview.AppliesWhen!.Matches(Tracks.Batch, SupplyModes.Allocation));
    }

    [Fact]
    public void Departments_NameEveryDepartmentOfTheTemplates()
    {
        Assert.Equal(
            ["agriculture-rural", "county-government", "development-reform", "finance", "land-enforcement", "natural-resources", "province-government",
                "province-natural-resources", "registry", "state-council", "township-government", "village-collective"],
            Catalog.Departments);
    }

    [Fact]
    public void Validator_CycleAndUnknownDependency_AreReported()
    {
        var template = TemplateCatalog.Parse("""
            {"id":"T","version":1,"name":"t","nameZh":"t","appliesFrom":"2020-01-01","steps":[
              {"key":"a","name":"a","nameZh":"a","department":"d","dependsOn":["b"]},
              {"key":"b","name":"b","nameZh":"b","department":"d","dependsOn":["a","ghost"],"kind":"Final"}]}
            """);

        var problems = TemplateValidator.Problems(template);

        Assert.Contains(problems, p => p.Contains("cycle", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ghost", StringComparison.Ordinal));
        Assert.Throws<InvalidDataException>(() => new TemplateCatalog([template]));
    }
}
