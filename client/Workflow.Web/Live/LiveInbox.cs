using Microsoft.Extensions.Logging;

namespace Workflow.Web;

/// <summary>
/// The signed-in user's notices, kept live over the Blazor connection: one long poll of <see cref="IInboxGrain.WaitAsync"/>
/// per circuit, so a notice reaches the page without reloading. The layout starts it; pages listen to <see cref="Changed"/>.
/// </summary>
public sealed class LiveInbox(IGrainFactory grains, ILogger<LiveInbox> logger) : IAsyncDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource stopping = new();
    private Task? polling;

    public int Unread { get; private set; }

    /// <summary>The notices that arrived since the page opened, newest first.</summary>
    public IReadOnlyList<Notice> Arrived { get; private set; } = [];

    /// <summary>Null until the inbox answered once; the refusal's rule when it refused.</summary>
    public string? Problem { get; private set; }

    /// <summary>Raised (off the renderer's thread) when a notice arrives or the unread count changes.</summary>
    public event Func<IReadOnlyList<Notice>, Task>? Changed;

    public void Start(WebUser user)
    {
        polling ??= Task.Run(() => PollAsync(user, stopping.Token));
    }

    public async Task RefreshAsync(WebUser user)
    {
        var reply = await grains.GetGrain<IInboxGrain>(user.Id).ListAsync(new InboxQuery(Limit: 1), user.ToActor());
        Unread = reply.Value?.Unread ?? Unread;
        Problem = reply.Refusal?.Rule;
        await RaiseAsync([]);
    }

    private async Task PollAsync(WebUser user, CancellationToken cancellation)
    {
        var inbox = grains.GetGrain<IInboxGrain>(user.Id);
        long after = 0;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                var first = await inbox.ListAsync(new InboxQuery(Limit: 1), user.ToActor());
                Unread = first.Value?.Unread ?? 0;
                Problem = first.Refusal?.Rule;
                after = first.Value?.Items.FirstOrDefault()?.Id ?? 0;
                await RaiseAsync([]);
                while (!cancellation.IsCancellationRequested)
                {
                    var notices = await inbox.WaitAsync(after, LongPoll, user.ToActor()).WaitAsync(cancellation);
                    if (notices.Count == 0)
                    {
                        continue;
                    }

                    after = notices.Max(n => n.Id);
                    Unread += notices.Count(n => !n.Read);
                    Arrived = [.. notices.OrderByDescending(n => n.Id), .. Arrived.Take(50)];
                    await RaiseAsync(notices);
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // The inbox is not reachable (a silo lost, the notices not deployed yet): the page works on, and retries.
                logger.LogInformation(failure, "The live inbox of {User} failed; retrying in {Delay}.", user.Id, AfterFailure);
                Problem = "inbox-unavailable";
                await RaiseAsync([]);
                try
                {
                    await Task.Delay(AfterFailure, cancellation);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RaiseAsync(IReadOnlyList<Notice> notices)
    {
        if (Changed is { } changed)
        {
            foreach (var handler in changed.GetInvocationList().Cast<Func<IReadOnlyList<Notice>, Task>>())
            {
                await handler(notices);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (polling is not null)
        {
            try
            {
                await polling;
            }
            catch (OperationCanceledException)
            {
            }
        }

        stopping.Dispose();
    }
}
