using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Workflow.Testing.Notices;

/// <summary>
/// A client of the gateway's <c>GET /api/events</c> over real HTTP that behaves as a browser's EventSource: it reads
/// server-sent events in the background, and when the connection ends (the cluster lost the silo its inbox lived on)
/// it connects again with <c>Last-Event-ID</c> (unless told not to: a test that restarts the host opens a stream of its
/// own after <see cref="LastId"/>). It keeps every notice it received, in order, duplicates included, so a test can
/// tell a notice delivered twice.
/// </summary>
public sealed class NoticeStream : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly List<(long? Id, JsonNode Notice)> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reading = Task.CompletedTask;
    private readonly bool _reconnect;

    private NoticeStream(HttpClient client, long? lastEventId, bool reconnect)
    {
        _client = client;
        LastId = lastEventId;
        _reconnect = reconnect;
    }

    /// <summary>The last event id received (or given to resume after).</summary>
    public long? LastId { get; private set; }

    /// <summary>How many times the stream connected (the first time included).</summary>
    public int Connections { get; private set; }

    public IReadOnlyList<(long? Id, JsonNode Notice)> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The distinct event ids received.</summary>
    public IReadOnlySet<long> Ids => Received.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();

    /// <summary>Opens the stream on <paramref name="client"/> (signed in as the user; the stream disposes it), after
    /// <paramref name="lastEventId"/> if given, and returns once its first response's headers are in, so nothing after
    /// this is missed.</summary>
    public static async Task<NoticeStream> OpenAsync(HttpClient client, long? lastEventId = null, bool reconnect = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        var stream = new NoticeStream(client, lastEventId, reconnect);
        var first = await stream.ConnectAsync();
        if (first is null)
        {
            await stream.DisposeAsync();
            throw new InvalidOperationException("GET /api/events did not answer with an event stream.");
        }

        stream._reading = Task.Run(() => stream.RunAsync(first));
        return stream;
    }

    /// <summary>The first notice received that matches, waiting up to 30 s for it.</summary>
    public async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> match) => (await WaitForAsync(match, 1, TimeSpan.FromSeconds(30)))[0];

    /// <summary>Waits (up to <paramref name="timeout"/>) until at least <paramref name="count"/> notices match.</summary>
    public async Task<IReadOnlyList<JsonNode>> WaitForAsync(Func<JsonNode, bool> match, int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_received)
            {
                var found = _received.Select(r => r.Notice).Where(match).ToList();
                if (found.Count >= count)
                {
                    return found;
                }

                next = _arrived.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The event stream received {Received.Count(r => match(r.Notice))} matching notices in {timeout.TotalSeconds:0} s, not {count} (connections: {Connections}).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _client.Dispose();
    }

    private async Task RunAsync(HttpResponseMessage first)
    {
        var response = first;
        while (!_stop.IsCancellationRequested)
        {
            if (response is not null)
            {
                await ReadAsync(response);
            }

            if (_stop.IsCancellationRequested || !_reconnect)
            {
                return;
            }

            // EventSource's retry: the cluster may still be failing over, so a refused reconnection is tried again.
            await Task.Delay(TimeSpan.FromMilliseconds(500), _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            response = await ConnectAsync();
        }
    }

    private async Task<HttpResponseMessage?> ConnectAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        if (LastId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        try
        {
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                Connections++;
                return response;
            }

            response.Dispose();
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Refused or stopped: the loop tries again unless the stream is being disposed.
        }

        return null;
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            try
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
                long? id = null;
                string? data = null;
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        id = long.Parse(line[4..], CultureInfo.InvariantCulture);
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
                // The connection ended (a silo lost, or the test is done); the loop reconnects.
            }
        }
    }

    private void Deliver(long? id, JsonNode notice)
    {
        TaskCompletionSource woken;
        lock (_received)
        {
            _received.Add((id, notice));
            if (id is not null)
            {
                LastId = id;
            }

            woken = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    /// <summary>For failure messages.</summary>
    public override string ToString() =>
        string.Join(", ", Received.Select(r => $"{r.Id}:{r.Notice["projectCode"]}/{r.Notice["light"]}")) + $" ({Connections} connections)";
}
