using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Workflow.Domain;
using Workflow.Vocabulary;

namespace Workflow.Benchmarks;

/// <summary>Micro-benchmarks of the domain (no I/O): <c>dotnet Workflow.Benchmarks.dll micro</c>.</summary>
[MemoryDiagnoser]
public class DomainBenchmarks
{
    private static readonly WorkflowEnvironment Environment = WorkflowEnvironment.Default();
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Owner = new(LalScript.Owner, Roles.Enterprise, Uscc: LalScript.OwnerUscc);
    private static readonly Actor Reform = new("off-drc", Roles.Officer, Department: "development-reform");
    private static readonly ProjectRegistration Registration =
        new("湖州市域铁路示范段", LalScript.OwnerUscc, "330502", "rail", Tracks.Batch, 200m, 100m, 40m, 7, false, 12, SupplyModes.Allocation);

    private readonly string code = ProjectCode.Create(new DateOnly(2026, 3, 1), "330502", "01", 4711).Value;
    private readonly DateOnly newYear = new(2026, 1, 1);
    private readonly QuotaAmount amount = new(100m, 40m, 90_000m);
    private CountyQuotaLedger ledger = new("330502");
    private int reservation;

    [GlobalSetup]
    public void Setup()
    {
        ledger = new CountyQuotaLedger("330502");
        ledger.DepositLot(QuotaLot.Certified("LOT-1", "benchmark", 10_000_000m, 4_000_000m, 7, new DateOnly(2025, 6, 30)), Monday);
    }

    [Benchmark(Description = "ProjectCode.TryParse")]
    public bool ParseCode() => ProjectCode.TryParse(code, out _, out _);

    [Benchmark(Description = "WorkingCalendar.AddWorkingDays(60)")]
    public DateOnly AddWorkingDays() => Environment.Calendar.AddWorkingDays(newYear, 60);

    [Benchmark(Description = "Project.Register")]
    public Project Register() =>
        Project.Register(ProjectCode.Parse(code), Registration, Owner, Monday, Environment, out var refusal)
        ?? throw new InvalidOperationException($"Registration refused: {refusal}");

    [Benchmark(Description = "Project.Register + documents + approval start/complete")]
    public Refusal? RegisterAndAct()
    {
        var project = Register();
        foreach (var (_, document) in project.MissingDocuments())
        {
            project.SubmitDocument(document.Key, Owner, Monday);
        }

        project.Act("approval", StepActions.Start, Reform, null, null, Monday.AddHours(1));
        return project.Act("approval", StepActions.Complete, Reform, null, new JsonObject(), Monday.AddHours(2));
    }

    [Benchmark(Description = "CountyQuotaLedger.Reserve")]
    public QuotaOutcome Reserve() => ledger.Reserve("R-" + reservation++, code, amount, Monday);
}
