using System.Diagnostics;
using System.Globalization;

namespace Workflow.Benchmarks;

/// <summary>
/// <em>shutdown</em>: SIGTERM to the embedded gateway while it holds the scale scenario's active projects, timed to
/// the process's exit. The goal is an exit within the host's shutdown timeout (which the benchmark gives it
/// explicitly, so the figure beside it is what the process ran with); SIGKILL follows after a grace of twice that.
/// </summary>
public static class ShutdownScenario
{
    /// <summary>The host's shutdown timeout the gateway is started with (the host's default, 30 s).</summary>
    public const int TimeoutSeconds = 30;

    /// <summary>The host setting that carries it on the command line (what <c>DOTNET_SHUTDOWNTIMEOUTSECONDS</c> sets).</summary>
    public const string TimeoutSetting = "shutdownTimeoutSeconds";

    public static string TimeoutValue => TimeoutSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds from SIGTERM to exit, and whether it exited on its own (false: SIGKILL ended it).</summary>
    public static async Task<(double Seconds, bool OnItsOwn)> StopAsync(LocalGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var started = Stopwatch.GetTimestamp();
        var onItsOwn = await gateway.StopAsync(TimeSpan.FromSeconds(2 * TimeoutSeconds));
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, onItsOwn);
    }
}
