using Orleans.Providers;

namespace Workflow.Hosting;

/// <summary>
/// One silo's part of a cluster's development clock. A cluster-mode gateway reaches the instance on every
/// active silo at once through <c>IManagementGrain.SendControlCommandToProvider</c> (see
/// <see cref="ClusterDevClockControl"/>). Arguments and results are UTC ticks, which any Orleans peer serializes.
/// </summary>
public sealed class SiloDevClock(DevClockControl control) : IControllable
{
    public const string ProviderName = "landflow-dev-clock";

    /// <summary>Returns this silo's now.</summary>
    public const int ReadCommand = 1;

    /// <summary>Moves this silo's clock to the instant given (UTC ticks) unless it is already later; returns its now.</summary>
    public const int MoveCommand = 2;

    /// <summary>Wakes the projects whose deadlines this silo's clock has reached; returns how many.</summary>
    public const int SweepCommand = 3;

    public async Task<object?> ExecuteCommand(int command, object? arg)
    {
        switch (command)
        {
            case ReadCommand:
                return control.Now.UtcTicks;
            case MoveCommand:
                var target = new DateTimeOffset(Convert.ToInt64(arg, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
                if (target >= control.Now)
                {
                    await control.SetAsync(target);
                }

                return control.Now.UtcTicks;
            case SweepCommand:
                return await control.SweepAsync();
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown dev clock command.");
        }
    }
}
