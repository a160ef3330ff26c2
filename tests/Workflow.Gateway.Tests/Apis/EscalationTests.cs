using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Contracts;
using Workflow.Storage;
using Workflow.Testing.Notices;

namespace Workflow.Gateway.Tests;

/// <summary>
/// Issue 11, must-show 1 on the embedded host: with the dev clock, a step goes yellow and red on the right working days
/// across the Labour Day holiday of the shipped 2026 calendar; the liaison's inbox and an open event stream (real HTTP
/// server-sent events) receive each notice once, and restarting the host in between loses and doubles nothing.
/// </summary>
public sealed class EscalationTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // Approval (20 working days) started on Monday 20 April 2026. Not counting the start day, the working days run
    // 21-24, 27-30 April (8), then 劳动节 1-5 May is off, 6-8 May (11), Saturday 9 May is a working day (12), 11-15 May
    // (17), 18-20 May (20). Yellow when 80% (16 days) are used: from the start of 15 May. Red once the 20th working
    // day, 20 May, has ended: from 21 May 00:00.
    private static readonly DateTimeOffset Started = new(2026, 4, 20, 9, 0, 0, China);
    private static readonly DateTimeOffset YellowFrom = new(2026, 5, 15, 0, 0, 0, China);
    private static readonly DateTimeOffset RedFrom = new(2026, 5, 21, 0, 0, 0, China);

    [Fact]
    public async Task Escalation_StepTurnsYellowThenRedAcrossLabourDay_LiaisonInboxAndStreamGetEachNoticeOnceAcrossARestart()
    {
        await using var gateway = await StartInThePastAsync(Started.AddHours(-1));
        var api = new LandFlowApi(gateway);
        var code = await api.RegisterAsync();
        using (var assigned = await (await api.As("leader-li")).PostAsJsonAsync($"/api/projects/{code}/liaison", new { liaison = "liaison-chen" }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        await api.SubmitAllDocumentsAsync(code);
        await api.MoveClockToAsync(Started);
        await api.DoAsync(code, "approval", "start");
        Assert.Equal(RedFrom, Approval(await api.StatusAsync(code))["dueAt"]!.GetValue<DateTimeOffset>());

        await using var stream = await NoticeStream.OpenAsync(await gateway.ClientForAsync("liaison-chen"), lastEventId: null, reconnect: false);

        // The day before yellow it is green; on 15 May it is yellow.
        await api.MoveClockToAsync(YellowFrom.AddMinutes(-1));
        Assert.Equal("green", Approval(await api.StatusAsync(code))["light"]!.GetValue<string>());
        await api.MoveClockToAsync(YellowFrom.AddHours(9));
        Assert.Equal("yellow", Approval(await api.StatusAsync(code))["light"]!.GetValue<string>());
        await CatchUpAsync(gateway);
        var yellow = await stream.WaitForAsync(n => n["light"]?.GetValue<string>() == "yellow");

        // The host restarts: the stream drops, and resumes after the last id it saw.
        await gateway.RestartAsync();
        await using var resumed = await NoticeStream.OpenAsync(await gateway.ClientForAsync("liaison-chen"), stream.LastId, reconnect: false);
        api = new LandFlowApi(gateway);

        await api.MoveClockToAsync(RedFrom.AddMinutes(-1));
        Assert.Equal("yellow", Approval(await api.StatusAsync(code))["light"]!.GetValue<string>());
        await api.MoveClockToAsync(RedFrom.AddHours(9));
        Assert.Equal("red", Approval(await api.StatusAsync(code))["light"]!.GetValue<string>());
        await CatchUpAsync(gateway);
        var red = await resumed.WaitForAsync(n => n["light"]?.GetValue<string>() == "red");

        // Once more from cold: the projection's checkpoint holds, nothing is applied twice.
        await gateway.RestartAsync();
        api = new LandFlowApi(gateway);
        await CatchUpAsync(gateway);
        var inbox = JsonNode.Parse(await (await gateway.ClientForAsync("liaison-chen")).GetStringAsync("/api/inbox"))!;
        var mine = inbox["items"]!.AsArray().Where(n => n!["projectCode"]?.GetValue<string>() == code).ToList();

        Assert.Equal(["red", "yellow"], mine.Select(n => n!["light"]!.GetValue<string>()));
        Assert.Equal([red["id"]!.GetValue<long>(), yellow["id"]!.GetValue<long>()], mine.Select(n => n!["id"]!.GetValue<long>()));
        Assert.Equal(2, inbox["unread"]!.GetValue<int>());
        Assert.Equal(["yellow"], stream.Received.Select(r => r.Notice["light"]!.GetValue<string>()));
        Assert.Equal(["red"], resumed.Received.Select(r => r.Notice["light"]!.GetValue<string>()));
        Assert.Equal(stream.Received.Count, stream.Ids.Count);
        Assert.Equal(resumed.Received.Count, resumed.Ids.Count);

        // The history has each light once, on the working days the calendar gives.
        var lights = (await api.HistoryAsync(code)).Where(e => e!["kind"]!.GetValue<string>() == "light" && e["step"]?.GetValue<string>() == "approval").ToList();
        Assert.Equal(["yellow", "red"], lights.Select(e => JsonNode.Parse(e!["facts"]!.ToJsonString())!["to"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Inbox_MarkRead_OnlyOwnNoticeAndCountsDown()
    {
        await using var gateway = await StartInThePastAsync(Started.AddHours(-1));
        var api = new LandFlowApi(gateway);
        var code = await api.RegisterAsync();
        using (var assigned = await (await api.As("leader-li")).PostAsJsonAsync($"/api/projects/{code}/liaison", new { liaison = "liaison-chen" }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        await api.SubmitAllDocumentsAsync(code);
        await api.MoveClockToAsync(Started);
        await api.DoAsync(code, "approval", "start");
        await api.MoveClockToAsync(YellowFrom.AddHours(9));
        await CatchUpAsync(gateway);
        var chen = await api.As("liaison-chen");
        var notice = JsonNode.Parse(await chen.GetStringAsync("/api/inbox"))!["items"]!.AsArray().Single()!;
        var id = notice["id"]!.GetValue<long>();

        await ProblemAssert.IsProblemAsync(await (await api.As("liaison-wang")).PostAsync($"/api/inbox/{id}/read", null), HttpStatusCode.NotFound);
        using var read = await chen.PostAsync($"/api/inbox/{id}/read", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var after = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        Assert.Equal(0, after["unread"]!.GetValue<int>());
        Assert.True(after["items"]![0]!["read"]!.GetValue<bool>());

        // The department in the project's county and the leaders were told too; another county's officer was not.
        Assert.Single(JsonNode.Parse(await (await api.As("leader-li")).GetStringAsync("/api/inbox"))!["items"]!.AsArray());
        Assert.Single(JsonNode.Parse(await (await api.As("off-drc")).GetStringAsync("/api/inbox"))!["items"]!.AsArray());
        Assert.Empty(JsonNode.Parse(await (await api.As("ent-rail")).GetStringAsync("/api/inbox"))!["items"]!.AsArray());
    }

    private static JsonNode Approval(JsonNode status) =>
        status["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "approval")!;

    /// <summary>The dev clock only moves forward and today is past the holiday, so the host runs in a world whose
    /// "real" time starts at <paramref name="at"/>: the dev clock's inner clock is shifted back by a fixed span (the same
    /// across restarts), and the dev clock restores its saved offset over it as the host does.</summary>
    private static async Task<GatewayFixture> StartInThePastAsync(DateTimeOffset at)
    {
        var shifted = new ShiftedTimeProvider(at - TimeProvider.System.GetUtcNow());
        var gateway = await GatewayFixture.StartAsync(configureServices: services => services.AddSingleton(sp =>
        {
            var clock = new AdjustableClock(shifted);
            DevClockControl.RestoreAsync(clock, sp.GetRequiredService<ISettingsStore>()).GetAwaiter().GetResult();
            return clock;
        }));
        Assert.True(Math.Abs((await new LandFlowApi(gateway).ClockAsync() - at).TotalMinutes) < 5);
        return gateway;
    }

    private sealed class ShiftedTimeProvider(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    private static async Task CatchUpAsync(GatewayFixture gateway) =>
        await gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectionGrain>("notices").CatchUpAsync();
}
