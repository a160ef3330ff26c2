using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains.Tests;

/// <summary>Reads what a seeded cluster's store holds, stream by stream.</summary>
public static class SeededStore
{
    public const int Seed = 2026;

    public static Task<LandFlowCluster> StartAsync(string? dataDirectory = null, bool ownsDirectory = true) =>
        LandFlowCluster.StartAsync(
            dataDirectory ?? Directory.CreateTempSubdirectory("landflow-demo-").FullName,
            new FakeTimeProvider(LandFlowCluster.Start),
            ownsDirectory,
            Seed);

    public static async Task<IReadOnlyList<ProjectIndexEntry>> ProjectsAsync(LandFlowCluster cluster)
    {
        var index = cluster.SiloServices.GetRequiredService<IProjectIndex>();
        var projects = new List<ProjectIndexEntry>();
        for (var page = 1; ; page++)
        {
            var result = await index.QueryAsync(new ProjectQuery(Page: page, PageSize: 200));
            projects.AddRange(result.Items);
            if (projects.Count >= result.Total || result.Items.Count == 0)
            {
                return projects;
            }
        }
    }

    public static async Task<IReadOnlyList<ProjectState>> StatesAsync(LandFlowCluster cluster)
    {
        var states = new List<ProjectState>();
        foreach (var project in await ProjectsAsync(cluster))
        {
            var snapshot = await cluster.Store.LoadAsync(ProjectStreams.For(project.Code));
            states.Add(DomainJson.Deserialize<ProjectState>(snapshot!.StateJson));
        }

        return states;
    }

    /// <summary>Every stream the seeder writes, as its stored text: version, state, history and (for
    /// projects) the index row.</summary>
    public static async Task<SortedDictionary<string, string>> StreamsAsync(LandFlowCluster cluster)
    {
        var streams = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var ids = (await ProjectsAsync(cluster)).Select(p => (ProjectStreams.For(p.Code), JsonSerializer.Serialize(p)))
            .Concat(Counties.Huzhou.Select(c => (QuotaStreams.Ledger(c.Code), "")))
            .Concat(Counties.Huzhou.Select(c => (ProjectCodeStreams.For(c.Code), "")));
        foreach (var (id, indexRow) in ids)
        {
            var snapshot = await cluster.Store.LoadAsync(id);
            var events = await cluster.Store.ReadEventsAsync(id);
            streams[id] = string.Join('\n', [JsonSerializer.Serialize(snapshot), indexRow, .. events.Select(e => JsonSerializer.Serialize(e))]);
        }

        return streams;
    }
}
