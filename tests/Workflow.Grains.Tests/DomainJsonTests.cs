using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Grains.Tests;

public sealed class DomainJsonTests
{
    private static readonly DateTimeOffset Started = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void SerializeState_StepsWithNullFields_LeavesThemOutAndReadsBackTheSame()
    {
        var state = SampleState();

        var stored = DomainJson.SerializeState(state);
        var full = DomainJson.Serialize(state);

        Assert.DoesNotContain("\"dueAt\":null", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("\"liaison\"", stored, StringComparison.Ordinal);
        Assert.True(stored.Length < full.Length * 3 / 4, $"stored {stored.Length} bytes, full {full.Length}");
        Assert.Equal(full, DomainJson.Serialize(DomainJson.Deserialize<ProjectState>(stored)));
    }

    [Fact]
    public void SerializeState_FactsHoldingNull_KeepsTheNullInsideTheFacts()
    {
        var state = SampleState();

        var read = DomainJson.Deserialize<ProjectState>(DomainJson.SerializeState(state));

        var facts = read.FindStep("survey")!.Facts!;
        Assert.True(facts.ContainsKey("note"));
        Assert.Null(facts["note"]);
    }

    [Fact]
    public void Deserialize_OlderStateWrittenWithNulls_ReadsTheSameAsTheShorterForm()
    {
        var state = SampleState();

        var fromOlder = DomainJson.Deserialize<ProjectState>(DomainJson.Serialize(state));
        var fromShorter = DomainJson.Deserialize<ProjectState>(DomainJson.SerializeState(state));

        Assert.Equal(DomainJson.Serialize(fromOlder), DomainJson.Serialize(fromShorter));
    }

    private static ProjectState SampleState() => new()
    {
        Code = "2603-330502-04-01-000001X",
        Name = "湖州 test",
        County = "330502",
        OwnerUscc = "91330500MA2B3C4D5E",
        AppliedOn = new DateOnly(2026, 3, 1),
        TemplateId = "LAL_2020",
        TemplateVersion = 1,
        RegisteredAt = Started,
        Steps =
        [
            new StepState
            {
                Key = "survey",
                Department = "natural_resources",
                Status = StepStatus.Done,
                TimeLimit = new TimeLimit(20, TimeUnit.WorkingDays),
                ReadyAt = Started,
                StartedAt = Started,
                ClockStartedAt = Started,
                DueAt = Started.AddDays(28),
                CompletedAt = Started.AddDays(3),
                Facts = new JsonObject { ["areaMu"] = 12.5m, ["note"] = null },
            },
            new StepState { Key = "risk_assessment", Department = "stability", TimeLimit = new TimeLimit(20, TimeUnit.WorkingDays) },
            new StepState { Key = "compensation_plan", Department = "natural_resources" },
        ],
    };
}
