using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Workflow.Web.Tests;

/// <summary>The one-line status read from the real label resources, in both languages.</summary>
public sealed class ProjectStatusTextTests
{
    private static readonly TemplateView Template = new("LAL_2020", 1, "Land acquisition", "土地征收", "land-acquisition",
    [
        Step("approval", "Project approval", "立项", "development-reform"),
        Step("survey", "Survey of the land", "土地现状调查", "natural-resources"),
        Step("risk", "Risk assessment", "社会稳定风险评估", "county-government"),
    ]);

    [Fact]
    public void Line_ReceivedStepWithDaysLeft_SaysWhoAcceptsAndTheDaysInChinese()
    {
        var project = Project("active", ("approval", "received", "development-reform"));

        var line = InCulture("zh-CN", labels => ProjectStatusText.Line(labels, project, [new StepDueView("approval", new DateOnly(2026, 12, 9), 3)], Template));

        Assert.Equal("等待发展和改革局受理「立项」，剩余3个工作日", line);
    }

    [Fact]
    public void Line_OverdueStepInProgress_SaysWhoWorksOnItAndTheDaysOverdueInEnglish()
    {
        var project = Project("active", ("approval", "inProgress", "development-reform"));

        var line = InCulture("en", labels => ProjectStatusText.Line(labels, project, [new StepDueView("approval", new DateOnly(2026, 12, 1), -2)], Template));

        Assert.Equal("Development and Reform Bureau is working on “Project approval”, 2 working days overdue", line);
    }

    [Fact]
    public void Line_ParallelSteps_NamesTheEarliestDueAndCountsTheOthers()
    {
        var project = Project("active", ("survey", "inProgress", "natural-resources"), ("risk", "inProgress", "county-government"));
        StepDueView[] due = [new("survey", new DateOnly(2026, 12, 20), 9), new("risk", new DateOnly(2026, 12, 10), 0)];

        var line = InCulture("zh-CN", labels => ProjectStatusText.Line(labels, project, due, Template));

        Assert.Equal("县区人民政府正在办理「社会稳定风险评估」，今日到期（另有1个环节并联办理）", line);
    }

    [Fact]
    public void Line_ReadyStepWithMissingDocuments_AsksForThem()
    {
        var project = Project("active", ("approval", "ready", "development-reform")) with
        {
            MissingDocuments = [new MissingDocumentView("approval", "project-proposal", "Project application", "项目申请书")],
        };

        var line = InCulture("zh-CN", labels => ProjectStatusText.Line(labels, project, [], Template));

        Assert.Equal("等待您提交「立项」所需的1份材料", line);
    }

    [Theory]
    [InlineData("completed", "zh-CN", "已办结")]
    [InlineData("withdrawn", "zh-CN", "已撤回")]
    [InlineData("withdrawn", "en", "Withdrawn")]
    public void Line_ClosedProject_SaysSoOnly(string state, string culture, string expected)
    {
        var project = Project(state, ("approval", "done", "development-reform"));

        Assert.Equal(expected, InCulture(culture, labels => ProjectStatusText.Line(labels, project, [], Template)));
    }

    private static string InCulture(string culture, Func<IStringLocalizer, string> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
            return read(factory.Create(typeof(Labels)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static TemplateStepView Step(string key, string name, string nameZh, string department) =>
        new(key, name, nameZh, [department], [], [], 20, [], false);

    private static ProjectView Project(string state, params (string Key, string State, string Department)[] steps) => new(
        "2603-330502-00-01-00001X", "测试项目", "330502", "91330500MA2JTR010T", null, new TemplateRef("LAL_2020", 1), state, "green", "province",
        [.. steps.Select(s => new StepView(s.Key, s.Key, s.Key, s.Department, s.State, "green", 20, null, null, null, null, [], null, null, null))],
        [],
        new BalanceView(new QuotaView(0, 0, 0), new QuotaView(0, 0, 0), "pending", null, []),
        new ProjectFacts("rail", "batch", 1, 0, 0, 7, false, 0, "allocation", false, new DateOnly(2026, 3, 2), null, DateTimeOffset.UnixEpoch));
}
