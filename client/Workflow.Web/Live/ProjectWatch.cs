namespace Workflow.Web;

/// <summary>
/// Keeps one open project page live over its Blazor connection: a loop of long polls of
/// <see cref="IProjectGrain.WaitForChangeAsync"/> (the project has one activation, on any silo), calling back with each new
/// status, so an officer's act reaches the page without reloading. The page owns it and disposes it with itself.
/// </summary>
public sealed class ProjectWatch : IAsyncDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task polling;

    private ProjectWatch(IProjectGrain project, ActorInfo actor, long afterVersion, Func<ProjectStatusView, Task> changed)
    {
        polling = Task.Run(() => PollAsync(project, actor, afterVersion, changed, stopping.Token));
    }

    /// <summary>Starts watching after <paramref name="afterVersion"/> (-1: the first answer is the status now).</summary>
    public static ProjectWatch Start(IGrainFactory grains, string code, ActorInfo actor, long afterVersion, Func<ProjectStatusView, Task> changed)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return new ProjectWatch(grains.GetGrain<IProjectGrain>(code), actor, afterVersion, changed);
    }

    private static async Task PollAsync(IProjectGrain project, ActorInfo actor, long after, Func<ProjectStatusView, Task> changed, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                var reply = await project.WaitForChangeAsync(actor, after, LongPoll).WaitAsync(cancellation);
                if (reply.Refusal is not null)
                {
                    // Not found, or not the caller's to see: nothing to follow.
                    return;
                }

                if (reply.Status is { } status)
                {
                    after = status.Version;
                    await changed(status);
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // The project's silo was lost or a call timed out: the page stays as it is, and the watch retries.
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

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await polling;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }
}
