using System.Text.Json.Nodes;

namespace Workflow.Gateway.Tests;

/// <summary>A client of <c>GET /api/events</c> over real HTTP: reads server-sent events in the background and keeps every
/// notice it received, in order. It ends when the connection does (a restart); open another with <see cref="LastId"/>.</summary>
public sealed class NoticeStream : IAsyncDisposable
{
    private readonly List<JsonNode> received = [];
    private readonly HashSet<long> ids = [];
    private readonly CancellationTokenSource stop = new();
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task reading = Task.CompletedTask;

    public long? LastId { get; private set; }

    public IReadOnlyList<JsonNode> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    public IReadOnlySet<long> Ids
    {
        get
        {
            lock (received)
            {
                return new HashSet<long>(ids);
            }
        }
    }

    /// <summary>Opens the stream and returns once its headers (and the server's first comment) are in.</summary>
    public static async Task<NoticeStream> OpenAsync(GatewayFixture gateway, string user, long? lastEventId)
    {
        var stream = new NoticeStream { LastId = lastEventId };
        var client = await gateway.ClientForAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stream.stop.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStreamAsync(stream.stop.Token);
        stream.reading = Task.Run(() => stream.ReadAsync(response, body));
        return stream;
    }

    /// <summary>The first notice received that matches, waiting up to 30 s for it.</summary>
    public async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task next;
            lock (received)
            {
                if (received.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                next = arrived.Task;
            }

            await next.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response, Stream body)
    {
        using (response)
        using (var reader = new StreamReader(body))
        {
            try
            {
                long? id = null;
                string? data = null;
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        data = line[6..];
                    }
                    else if (line.Length == 0 && data is not null)
                    {
                        Deliver(id, JsonNode.Parse(data)!);
                        (id, data) = (null, null);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
            {
                // The connection ended (a restart, or the test is done).
            }
        }
    }

    private void Deliver(long? id, JsonNode notice)
    {
        TaskCompletionSource woken;
        lock (received)
        {
            received.Add(notice);
            if (id is { } value)
            {
                ids.Add(value);
                LastId = value;
            }

            woken = arrived;
            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }
}
