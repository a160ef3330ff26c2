using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Workflow.Hosting;
using Xunit.Abstractions;

namespace Workflow.Gateway.Tests;

/// <summary>Silos of one cluster that start together with demo data on, on one empty PostgreSQL database.</summary>
public sealed class DemoSeedingClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_TwoSilosStartTogetherOnOneEmptyDatabase_BothStartAndTheDataIsSeededOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            [LandFlowSettings.Storage] = LandFlowStorage.Postgres,
            [LandFlowSettings.Clustering] = LandFlowClustering.Postgres,
            [LandFlowSettings.PostgresConnectionString] = database.ConnectionString,
            [LandFlowSettings.PostgresMaxPoolSize] = "8",
            [LandFlowSettings.ClusterId] = "demo-" + Guid.NewGuid().ToString("N")[..8],
            [LandFlowSettings.DemoEnabled] = "true",
        };

        // Both silos reach the seeding stage of their start before either goes on: they race for the empty store.
        var startLine = new StartLine(2);
        var starting = new[] { TestSilo.StartAsync(settings, startLine.AddTo), TestSilo.StartAsync(settings, startLine.AddTo) };
        try
        {
            var silos = await Task.WhenAll(starting);
            var seeders = silos.Select(s => s.Services.GetRequiredService<DemoDataSeeder>()).ToList();
            output.WriteLine($"outcomes: {string.Join(", ", seeders.Select(s => s.Outcome))}");

            var seeder = Assert.Single(seeders, s => s.Outcome == DemoSeedOutcome.Seeded);
            Assert.Single(seeders, s => s.Outcome == DemoSeedOutcome.SeededByAnother);
            Assert.True(seeder.StreamsWritten > 0);

            // Every stream once: the projects, ledgers and code counters the seeding created through the grains, and the
            // claim; the other silo's start wrote nothing.
            Assert.Equal(seeder.StreamsWritten + 1, await database.CountAsync("SELECT count(*) FROM landflow.streams"));
            Assert.Equal(1, await database.CountAsync($"SELECT count(*) FROM landflow.settings WHERE key = '{DemoDataSeeder.SeededKey}'"));
        }
        finally
        {
            foreach (var silo in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await (await silo).DisposeAsync();
            }
        }
    }

    /// <summary>Holds every silo's start just before the demo seeding stage until all of them have reached it.</summary>
    private sealed class StartLine(int silos)
    {
        private readonly TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        public void AddTo(IServiceCollection services) =>
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new Participant(this));

        private async Task ArriveAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref arrived) == silos)
            {
                all.TrySetResult();
            }

            await all.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }

        private sealed class Participant(StartLine line) : ILifecycleParticipant<ISiloLifecycle>
        {
            public void Participate(ISiloLifecycle lifecycle) =>
                lifecycle.Subscribe("demo-start-line", ServiceLifecycleStage.ApplicationServices - 1, line.ArriveAsync);
        }
    }
}
