using Workflow.Domain;

namespace Workflow.Gateway.Tests;

/// <summary>A deadline in a year with no calendar file is never silently counted as weekends: the step says so.</summary>
public sealed class DueUncertaintyTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task Status_StepDueInYearWithoutCalendar_IsDueUncertainWithReason()
    {
        // 1 December of the last shipped year (or now, if later): a 20-working-day limit runs into a year without a file.
        var lastYear = WorkingCalendar.Embedded().Years.Max();
        await api.MoveClockToAsync(new DateTimeOffset(lastYear, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);

        var started = await api.DoAsync(code, "approval", "start");

        var step = started["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "approval")!;
        Assert.True(step["dueUncertain"]!.GetValue<bool>());
        Assert.Contains("No working-day calendar", step["dueUncertainReason"]!.GetValue<string>(), StringComparison.Ordinal);
        var waiting = started["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "filing")!;
        Assert.False(waiting["dueUncertain"]!.GetValue<bool>());
    }
}
