using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>
/// Everyone's desk: <c>GET /api/inbox</c> (the caller's notices, newest first, and how many are unread),
/// <c>POST /api/inbox/{id}/read</c>, and <c>GET /api/events</c>, the caller's notices as server-sent events as they
/// arrive. Whose notices these are is decided by the inbox grain from the caller's claims.
/// </summary>
public static class InboxApi
{
    /// <summary>How long one long poll of the inbox waits before the stream sends a heartbeat comment (proxies close
    /// connections that stay silent for long).</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How long one long poll of the inbox grain waits: under the cluster-mode gateway's Orleans response timeout
    /// (5 s), or every quiet stream would fail over as if its silo were lost and end.</summary>
    public static readonly TimeSpan LongPoll = ClusterClientTimings.ResponseTimeout - TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/inbox", ListAsync).WithTags("Inbox").RequireAuthorization().CallsGrains().WithName("GetInbox")
            .WithSummary("The caller's notices, newest first (before=&limit=&unread=true), and the unread count")
            .Refuses(StatusCodes.Status400BadRequest, Rules.LimitOutOfRange, Rules.InvalidCursor);
        app.MapPost("/api/inbox/{id:long}/read", MarkReadAsync).WithTags("Inbox").RequireAuthorization().CallsGrains().WithName("MarkNoticeRead")
            .WithSummary("Marks one of the caller's notices read; answers the inbox's first page")
            .Refuses(StatusCodes.Status404NotFound);
        app.MapGet("/api/events", StreamAsync).WithTags("Inbox").RequireAuthorization().CallsGrains().WithName("StreamNotices")
            .WithSummary("The caller's notices as server-sent events (id: the notice id; Last-Event-ID resumes after it), with heartbeat comments")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    private static async Task<Results<Ok<Inbox>, ProblemHttpResult>> ListAsync(
        long? before, int? limit, bool? unread, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        var actor = Caller.From(http.User).ToActor();
        var inbox = cluster.GetGrain<IInboxGrain>(actor.Id);
        var reply = await calls.ReadAsync(() => inbox.ListAsync(new InboxQuery(before, limit ?? 20, unread ?? false), actor), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Value);
    }

    private static async Task<Results<Ok<Inbox>, ProblemHttpResult>> MarkReadAsync(long id, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        var actor = Caller.From(http.User).ToActor();
        var inbox = cluster.GetGrain<IInboxGrain>(actor.Id);

        // Marking read twice is the same as once, so repeating it over a lost silo is safe.
        var reply = await calls.IdempotentWriteAsync(() => inbox.MarkReadAsync(id, actor), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Value);
    }

    /// <summary>
    /// Long polls the inbox grain and writes each notice once, in id order, as <c>id:</c>/<c>event: notice</c>/<c>data:</c>.
    /// A client that reconnects sends <c>Last-Event-ID</c> (browsers do so themselves) and gets what came after it, so a
    /// dropped connection loses nothing and repeats nothing; without one, the stream starts after the newest notice.
    /// </summary>
    private static async Task StreamAsync(
        HttpContext http, IClusterClient cluster, GrainCalls calls, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        var actor = Caller.From(http.User).ToActor();
        var inbox = cluster.GetGrain<IInboxGrain>(actor.Id);

        // A stopping gateway ends its streams at once rather than hold its shutdown; clients resume with Last-Event-ID.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var aborted = ending.Token;
        var after = LastEventId(http) ?? await NewestAsync(inbox, actor, calls, aborted);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 2000\n: connected\n\n", aborted);
        await http.Response.Body.FlushAsync(aborted);
        try
        {
            var lastWrite = System.Diagnostics.Stopwatch.GetTimestamp();
            while (!aborted.IsCancellationRequested)
            {
                var notices = await calls.ReadAsync(() => inbox.WaitAsync(after, LongPoll, actor), aborted);
                if (notices.Count == 0)
                {
                    if (System.Diagnostics.Stopwatch.GetElapsedTime(lastWrite) < Heartbeat)
                    {
                        continue;
                    }

                    await http.Response.WriteAsync(": heartbeat\n\n", aborted);
                }

                foreach (var notice in notices)
                {
                    var data = JsonSerializer.Serialize(notice, json.Value.SerializerOptions);
                    await http.Response.WriteAsync($"id: {notice.Id.ToString(CultureInfo.InvariantCulture)}\nevent: notice\ndata: {data}\n\n", aborted);
                    after = notice.Id;
                }

                await http.Response.Body.FlushAsync(aborted);
                lastWrite = System.Diagnostics.Stopwatch.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (GrainUnavailableException)
        {
            // The cluster could not answer within the failover budget and the headers are sent: end the stream, and the
            // client reconnects with Last-Event-ID.
        }
    }

    private static long? LastEventId(HttpContext http)
    {
        var text = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["lastEventId"].FirstOrDefault();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static async Task<long> NewestAsync(IInboxGrain inbox, ActorInfo actor, GrainCalls calls, CancellationToken cancellationToken)
    {
        var reply = await calls.ReadAsync(() => inbox.ListAsync(new InboxQuery(null, 1), actor), cancellationToken);
        return reply.Value?.Items is [var newest, ..] ? newest.Id : 0;
    }
}
