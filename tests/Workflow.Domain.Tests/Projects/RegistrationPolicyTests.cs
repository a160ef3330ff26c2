using Workflow.Domain;

namespace Workflow.Domain.Tests;

public sealed class RegistrationPolicyTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static readonly Actor Officer = new("off-nr", Roles.Officer, Department: "natural-resources");

    public static TheoryData<string, ProjectRegistration> AdminOnlyFields => new()
    {
        { "code", ProjectScenario.Registration() with { Code = ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 11).Value } },
        { "appliedOn", ProjectScenario.Registration(appliedOn: new DateOnly(2018, 4, 2)) },
        { "liaison", ProjectScenario.Registration() with { Liaison = "liaison-chen" } },
    };

    [Theory]
    [MemberData(nameof(AdminOnlyFields))]
    public void Check_EnterpriseSettingAnAdminOnlyField_IsForbiddenNamingTheField(string field, ProjectRegistration registration)
    {
        var refusal = RegistrationPolicy.Check(ProjectScenario.Owner, registration, Today);

        Assert.Equal((RefusalKind.Forbidden, Rules.RegistrationFieldForbidden), (refusal?.Kind, refusal?.Rule));
        Assert.Contains($"'{field}'", refusal!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminOnlyFields))]
    public void Check_AdminSettingAnAdminOnlyField_IsAccepted(string field, ProjectRegistration registration)
    {
        Assert.NotNull(field);
        Assert.Null(RegistrationPolicy.Check(ProjectScenario.Admin, registration, Today));
    }

    [Fact]
    public void Check_Officer_IsRoleForbidden()
    {
        var refusal = RegistrationPolicy.Check(Officer, ProjectScenario.Registration(), Today);

        Assert.Equal((RefusalKind.Forbidden, Rules.RoleForbidden), (refusal?.Kind, refusal?.Rule));
    }

    [Theory]
    [InlineData("1998-12-31")]
    [InlineData("1900-01-01")]
    [InlineData("2026-03-03")]
    public void Check_AppliedOnOutsideTheLaw_IsInvalidNotAFault(string appliedOn)
    {
        var registration = ProjectScenario.Registration(appliedOn: DateOnly.Parse(appliedOn, System.Globalization.CultureInfo.InvariantCulture));

        var refusal = RegistrationPolicy.Check(ProjectScenario.Admin, registration, Today);

        Assert.Equal((RefusalKind.Invalid, Rules.AppliedOnOutOfRange), (refusal?.Kind, refusal?.Rule));
    }

    [Fact]
    public void Check_AppliedOnTheDayTheLawCameIntoForce_IsAccepted() =>
        Assert.Null(RegistrationPolicy.Check(ProjectScenario.Admin, ProjectScenario.Registration(appliedOn: RegistrationPolicy.EarliestApplication), Today));

    [Fact]
    public void Check_MalformedCode_IsInvalidProjectCode()
    {
        var refusal = RegistrationPolicy.Check(ProjectScenario.Admin, ProjectScenario.Registration() with { Code = "not-a-code" }, Today);

        Assert.Equal((RefusalKind.Invalid, Rules.InvalidCode), (refusal?.Kind, refusal?.Rule));
    }

    [Fact]
    public void Register_AdminMigrating2018Project_GetsTheLegacyTemplate()
    {
        var scenario = new ProjectScenario(ProjectScenario.Registration(appliedOn: new DateOnly(2018, 6, 1)), registrant: ProjectScenario.Admin);

        Assert.Equal("LEGACY_2004", scenario.State.TemplateId);
        Assert.Equal(new DateOnly(2018, 6, 1), scenario.State.AppliedOn);
    }

    [Fact]
    public void Register_EnterpriseWithAppliedOn_RegistersNothing()
    {
        var project = Project.Register(
            ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 1),
            ProjectScenario.Registration(appliedOn: new DateOnly(2018, 6, 1)),
            ProjectScenario.Owner,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)),
            ProjectScenario.Environment,
            out var refusal);

        Assert.Null(project);
        Assert.Equal(Rules.RegistrationFieldForbidden, refusal?.Rule);
    }

    [Fact]
    public void Register_CodeAskedForIsNotTheOneRegistered_IsInvalidProjectCode()
    {
        var project = Project.Register(
            ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 1),
            ProjectScenario.Registration() with { Code = ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 2).Value },
            ProjectScenario.Admin,
            new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)),
            ProjectScenario.Environment,
            out var refusal);

        Assert.Null(project);
        Assert.Equal(Rules.InvalidCode, refusal?.Rule);
    }
}
