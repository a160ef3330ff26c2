using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Domain.Tests;

public sealed class StepStateTests
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly System.Reflection.PropertyInfo[] Instants =
        [.. typeof(StepState).GetProperties().Where(p => p.PropertyType == typeof(DateTimeOffset?))];

    [Fact]
    public void Instants_EachSetThenCleared_ReadBackAsSetWithTheirOffsetAndLeaveTheOthers()
    {
        Assert.Equal(12, Instants.Length);
        var step = new StepState { Key = "approval" };
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < Instants.Length; i++)
        {
            Instants[i].SetValue(step, start.AddHours(i));
        }

        for (var i = 0; i < Instants.Length; i++)
        {
            var read = (DateTimeOffset?)Instants[i].GetValue(step);
            Assert.Equal(start.AddHours(i), read);
            Assert.Equal(TimeSpan.FromHours(8), read!.Value.Offset);
        }

        Instants[3].SetValue(step, null);

        Assert.Null(Instants[3].GetValue(step));
        Assert.Equal(start.AddHours(4), Instants[4].GetValue(step));
    }

    [Fact]
    public void Json_WaitingAndDoneSteps_RoundTripToTheSameTextWithNoInstantOfAWaitingStep()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        StepState[] steps =
        [
            new() { Key = "survey", Department = "natural-resources", TimeLimit = new TimeLimit(20, TimeUnit.WorkingDays) },
            new() { Key = "approval", Department = "drc", Status = StepStatus.Done, ReadyAt = at, StartedAt = at.AddDays(1), CompletedAt = at.AddDays(3), DueAt = at.AddDays(20), Outcome = "approved" },
        ];

        var json = JsonSerializer.Serialize(steps, StateJson);
        var again = JsonSerializer.Serialize(JsonSerializer.Deserialize<StepState[]>(json, StateJson), StateJson);

        Assert.Equal(json, again);
        using var parsed = JsonDocument.Parse(json);
        Assert.DoesNotContain(parsed.RootElement[0].EnumerateObject(), p => p.Name.EndsWith("At", StringComparison.Ordinal) || p.Name == "acceptBy");
        Assert.Equal("2026-03-05T09:00:00+08:00", parsed.RootElement[1].GetProperty("completedAt").GetString());
    }

    [Fact]
    public void Json_TwoProjectsReadBack_ShareTheKeyDepartmentAndTimeLimit()
    {
        const string json = """{"key":"survey","department":"natural-resources","timeLimit":{"amount":20,"unit":"WorkingDays"}}""";

        var first = JsonSerializer.Deserialize<StepState>(json, StateJson)!;
        var second = JsonSerializer.Deserialize<StepState>(json, StateJson)!;

        Assert.Same(first.Key, second.Key);
        Assert.Same(first.Department, second.Department);
        Assert.Same(first.TimeLimit, second.TimeLimit);
        Assert.Equal(new TimeLimit(20, TimeUnit.WorkingDays), second.TimeLimit);
    }
}
