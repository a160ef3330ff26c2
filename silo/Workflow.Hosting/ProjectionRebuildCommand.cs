using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Grains;
using Workflow.Projections;
using Workflow.ServiceDefaults;
using Workflow.Storage;

namespace Workflow.Hosting;

/// <summary>
/// <c>Workflow.Silo rebuild &lt;projection&gt;</c> (and the same for Workflow.Embedded): empties a read model (analytics,
/// notices), puts its checkpoint back to the start and replays the whole history into it, with a progress bar, against
/// the store the settings name. Safe while silos run: their runner and this one advance the same checkpoint by
/// compare-and-set, so no event is applied twice. Exits 0 when done, 1 when it failed, 2 when the projection is unknown.
/// </summary>
public static class ProjectionRebuildCommand
{
    public const string Name = "rebuild";

    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Misused = 2;

    private const int BarWidth = 30;

    public static bool IsRequested(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && string.Equals(args[0], Name, StringComparison.Ordinal);
    }

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var options = configuration.GetSection(LandFlowOptions.SectionName).Get<LandFlowOptions>() ?? new LandFlowOptions();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddLandFlowStore(options, configuration);
        services.AddLandFlowGrains(configuration);
        await using var provider = services.BuildServiceProvider();

        var projections = provider.GetServices<IProjection>().ToList();
        var names = string.Join(", ", projections.Select(p => p.Name));
        var projection = args.Count == 2 ? projections.FirstOrDefault(p => string.Equals(p.Name, args[1], StringComparison.Ordinal)) : null;
        if (projection is null)
        {
            await error.WriteLineAsync($"rebuild: name one projection: {Name} <{(names.Length == 0 ? "none registered" : names)}>").ConfigureAwait(false);
            return Misused;
        }

        var runner = new ProjectionRunner(
            projection, provider.GetRequiredService<IHistoryFeed>(), provider.GetRequiredService<IReadModelDatabase>(), TimeProvider.System);
        try
        {
            await runner.ResetAsync(cancellationToken).ConfigureAwait(false);
            var total = (await runner.ProgressAsync(cancellationToken).ConfigureAwait(false)).Remaining;
            await output.WriteLineAsync($"rebuild: '{projection.Name}' emptied; replaying {total:N0} events").ConfigureAwait(false);
            var applied = await runner.CatchUpAsync(progress: new SynchronousProgress(p => error.Write(Bar(p))), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            await error.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"rebuild: '{projection.Name}' done: {applied:N0} events applied").ConfigureAwait(false);
            return Succeeded;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await error.WriteLineAsync().ConfigureAwait(false);
            await error.WriteLineAsync($"rebuild: failed: {exception.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    /// <summary>"\r[##########....................]  33%  1,000/3,000 events": redrawn in place on a terminal.</summary>
    internal static string Bar(ProjectionProgress progress) => "\r" + progress.Bar(BarWidth);

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<ProjectionProgress> report) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => report(value);
    }
}
