using Workflow.Domain;

namespace Workflow.Domain.Tests;

/// <summary>A small template built in code and a project on it, for walking the forecast's graph by hand.</summary>
internal static class ForecastGraph
{
    public const string Procedure = "TEST";
    public const string County = "330502";

    /// <summary>Monday 2 March 2026, 09:00 in Huzhou (no holiday for weeks either side).</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly WorkflowEnvironment Environment = WorkflowEnvironment.Default();

    public static ProcedureForecaster Forecaster { get; } = new(Environment);

    public static StepDefinition Step(
        string key, string[]? dependsOn = null, StepKind kind = StepKind.Standard, MinimumDuration? minimum = null, string[]? dependsOnStart = null, int limit = 20) => new()
    {
        Key = key,
        Name = key,
        NameZh = key,
        Department = "natural-resources",
        DependsOn = dependsOn ?? [],
        DependsOnStart = dependsOnStart ?? [],
        Kind = kind,
        MinimumDuration = minimum,
        TimeLimit = new TimeLimit(limit, TimeUnit.WorkingDays),
    };

    public static WorkflowTemplate Template(params StepDefinition[] steps) => new()
    {
        Id = Procedure,
        Version = 1,
        Name = "test",
        NameZh = "测试",
        AppliesFrom = new DateOnly(2020, 1, 1),
        Procedure = Procedure,
        Steps = steps,
    };

    /// <summary>A project whose first step (no dependencies) became ready at <paramref name="readyAt"/> and is open; the rest wait.</summary>
    public static ProjectState Project(WorkflowTemplate template, DateTimeOffset readyAt, string code = "2603-330502-01-01-00001X") => new()
    {
        Code = code,
        County = County,
        Procedure = Procedure,
        TemplateId = template.Id,
        TemplateVersion = template.Version,
        RegisteredAt = readyAt,
        Steps = [.. template.Steps.Select(s => new StepState
        {
            Key = s.Key,
            TimeLimit = s.TimeLimit,
            Status = s.DependsOn.Count == 0 && s.DependsOnStart.Count == 0 ? StepStatus.Ready : StepStatus.Waiting,
            ReadyAt = s.DependsOn.Count == 0 && s.DependsOnStart.Count == 0 ? readyAt : null,
        })],
    };

    /// <summary>Histograms in the project's county; each step's visits all took the given working days.</summary>
    public static DwellSamples Always(params (string Step, int Days)[] steps) =>
        new(steps.Select(s => KeyValuePair.Create(new DwellKey(Procedure, s.Step, County), new DwellHistogram(new Dictionary<int, int> { [s.Days] = 50 }))));

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);

    public static DateOnly AddWorkingDays(DateOnly from, int n) => Environment.Calendar.AddWorkingDays(from, n);
}
