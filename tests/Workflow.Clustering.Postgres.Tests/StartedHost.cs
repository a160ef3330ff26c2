using Microsoft.Extensions.Hosting;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>A started silo or client host that a test ends gracefully, unless the test ended it itself.</summary>
internal sealed class StartedHost(IHost host) : IAsyncDisposable
{
    private bool _stopped;

    public IServiceProvider Services => host.Services;

    public static async Task<StartedHost> StartAsync(IHost host)
    {
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new StartedHost(host);
    }

    public async Task StopAsync()
    {
        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_stopped)
            {
                await StopAsync();
            }
        }
        finally
        {
            host.Dispose();
        }
    }
}
