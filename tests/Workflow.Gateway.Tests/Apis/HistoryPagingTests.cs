using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Gateway.Tests;

/// <summary><c>GET /api/projects/{code}/history</c> answers a page: <c>items</c> and, unless it is the last, <c>next</c>.</summary>
public sealed class HistoryPagingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly LandFlowApi api = new(gateway);

    [Fact]
    public async Task History_CursorOldestFirst_WalksTheWholeHistoryInOrderAndEndsWithoutNext()
    {
        var code = await WithSuspensionsAsync(4, "补正材料");
        var all = Seqs((await api.HistoryPageAsync(code, "limit=500"))["items"]!.AsArray());

        var walked = new List<long>();
        var pages = 0;
        var query = "limit=3";
        while (true)
        {
            var page = await api.HistoryPageAsync(code, query);
            pages++;
            walked.AddRange(Seqs(page["items"]!.AsArray()));
            if (page["next"] is not { } next)
            {
                break;
            }

            Assert.Equal(walked[^1], next.GetValue<long>());
            query = $"limit=3&after={next.GetValue<long>()}";
        }

        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all);
        Assert.Equal(all, walked);
        Assert.Equal((all.Count + 2) / 3, pages);
    }

    [Fact]
    public async Task History_NewestFirst_WalksBackwardsWithBefore()
    {
        var code = await WithSuspensionsAsync(2, "补正材料");
        var all = Seqs((await api.HistoryPageAsync(code, "limit=500"))["items"]!.AsArray());

        var walked = new List<long>();
        var query = "order=desc&limit=4";
        while (true)
        {
            var page = await api.HistoryPageAsync(code, query);
            walked.AddRange(Seqs(page["items"]!.AsArray()));
            if (page["next"] is not { } next)
            {
                break;
            }

            query = $"order=desc&limit=4&before={next.GetValue<long>()}";
        }

        Assert.Equal(Enumerable.Reverse(all), walked);
    }

    [Fact]
    public async Task History_NoParameters_IsTheFirstPageOfTheDefaultSize()
    {
        var code = await api.RegisterAsync();

        var page = await api.HistoryPageAsync(code, "");

        Assert.Equal(1, page["items"]!.AsArray()[0]!["seq"]!.GetValue<long>());
        Assert.Null(page["next"]);
        Assert.False(page.AsObject().ContainsKey("next"));
    }

    [Fact]
    public async Task History_BigReasons_PageStopsEarlyBySizeAndNextContinues()
    {
        // 2,000 three-byte characters: 6,000 bytes a reason, so 256 KiB holds about 43 of them.
        var reason = new string('缺', InputLimits.MaxReasonLength);
        var code = await WithSuspensionsAsync(25, reason);
        var all = await api.HistoryAsync(code);

        var first = await api.HistoryPageAsync(code, "limit=500");
        var items = first["items"]!.AsArray();
        var bytes = items.Sum(i => System.Text.Encoding.UTF8.GetByteCount(i!["reason"]?.GetValue<string>() ?? ""));
        var rest = await api.HistoryPageAsync(code, $"limit=500&after={first["next"]!.GetValue<long>()}");

        Assert.True(all.Count > items.Count, $"{items.Count} of {all.Count} events on the first page");
        Assert.InRange(bytes, InputLimits.MaxHistoryPageBytes - 7_000, InputLimits.MaxHistoryPageBytes);
        Assert.Equal(items[^1]!["seq"]!.GetValue<long>() + 1, rest["items"]!.AsArray()[0]!["seq"]!.GetValue<long>());
        Assert.Equal(all.Count, items.Count + rest["items"]!.AsArray().Count);
    }

    /// <summary>A project whose approval was suspended and resumed <paramref name="times"/> times, each with the reason.</summary>
    private async Task<string> WithSuspensionsAsync(int times, string reason)
    {
        var code = await api.RegisterAsync();
        await api.SubmitAllDocumentsAsync(code);
        await api.DoAsync(code, "approval", "start");
        for (var i = 0; i < times; i++)
        {
            await api.DoAsync(code, "approval", "suspend", new JsonObject { ["reason"] = reason });
            await api.DoAsync(code, "approval", "resume", new JsonObject { ["reason"] = reason });
        }

        return code;
    }

    private static List<long> Seqs(JsonArray items) => [.. items.Select(i => i!["seq"]!.GetValue<long>())];
}
