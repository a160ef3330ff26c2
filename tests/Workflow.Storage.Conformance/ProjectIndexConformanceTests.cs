using static Workflow.Storage.Conformance.TestData;

namespace Workflow.Storage.Conformance;

/// <summary>What every <see cref="IProjectIndex"/> must do; rows are written only through commits.</summary>
public abstract class ProjectIndexConformanceTests : StoreConformanceTests
{
    private static readonly ProjectIndexEntry[] Sample =
    [
        Project("P001", county: "Anning", state: "Active", light: "Green", ownerUscc: "U1", liaison: "li.wei", openSteps: ["survey", "review"]),
        Project("P002", county: "Anning", state: "Active", light: "Red", ownerUscc: "U2", liaison: "wang.fang", openSteps: ["review"]),
        Project("P003", county: "Yiliang", state: "Closed", light: "Green", ownerUscc: "U1", liaison: null, openSteps: []),
        Project("P004", county: "Yiliang", state: "Active", light: "Yellow", ownerUscc: "U3", liaison: "li.wei", openSteps: ["survey"]),
        Project("P005", county: "Jinning", state: "Suspended", light: "Red", ownerUscc: "U2", liaison: "wang.fang", openSteps: ["payment", "survey"]),
    ];

    [Fact]
    public async Task QueryAsync_NoFilters_ReturnsAllOrderedByCodeWithTotal()
    {
        var store = await OpenStoreAsync();
        await SeedAsync(store, Sample.Reverse());

        var page = await store.Projects.QueryAsync(new ProjectQuery());

        Assert.Equal(5, page.Total);
        Assert.Equal(["P001", "P002", "P003", "P004", "P005"], page.Items.Select(p => p.Code));
    }

    [Theory]
    [InlineData("county", "Anning", new[] { "P001", "P002" })]
    [InlineData("state", "Active", new[] { "P001", "P002", "P004" })]
    [InlineData("light", "Red", new[] { "P002", "P005" })]
    [InlineData("liaison", "li.wei", new[] { "P001", "P004" })]
    [InlineData("ownerUscc", "U2", new[] { "P002", "P005" })]
    [InlineData("step", "survey", new[] { "P001", "P004", "P005" })]
    [InlineData("step", "archive", new string[0])]
    public async Task QueryAsync_OneFilter_ReturnsOnlyMatchingProjects(string field, string value, string[] expectedCodes)
    {
        var store = await OpenStoreAsync();
        await SeedAsync(store, Sample);
        var query = field switch
        {
            "county" => new ProjectQuery(County: value),
            "state" => new ProjectQuery(State: value),
            "light" => new ProjectQuery(Light: value),
            "liaison" => new ProjectQuery(Liaison: value),
            "ownerUscc" => new ProjectQuery(OwnerUscc: value),
            "step" => new ProjectQuery(Step: value),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };

        var page = await store.Projects.QueryAsync(query);

        Assert.Equal(expectedCodes, page.Items.Select(p => p.Code));
        Assert.Equal(expectedCodes.Length, page.Total);
    }

    [Fact]
    public async Task QueryAsync_SeveralFilters_AreAllApplied()
    {
        var store = await OpenStoreAsync();
        await SeedAsync(store, Sample);

        var stepAndLiaison = await store.Projects.QueryAsync(new ProjectQuery(Step: "survey", Liaison: "li.wei", State: "Active"));
        var countyAndLight = await store.Projects.QueryAsync(new ProjectQuery(County: "Anning", Light: "Green"));
        var nothing = await store.Projects.QueryAsync(new ProjectQuery(County: "Jinning", OwnerUscc: "U1"));

        Assert.Equal(["P001", "P004"], stepAndLiaison.Items.Select(p => p.Code));
        Assert.Equal(["P001"], countyAndLight.Items.Select(p => p.Code));
        Assert.Empty(nothing.Items);
        Assert.Equal(0, nothing.Total);
    }

    [Fact]
    public async Task QueryAsync_Pages_ReturnSlicesInCodeOrderAndTotalOfAllMatches()
    {
        var store = await OpenStoreAsync();
        await SeedAsync(store, Enumerable.Range(0, 45).Select(i => Project($"C{i:000}", light: i % 3 == 0 ? "Red" : "Green")));

        var first = await store.Projects.QueryAsync(new ProjectQuery(Page: 1, PageSize: 20));
        var last = await store.Projects.QueryAsync(new ProjectQuery(Page: 3, PageSize: 20));
        var beyond = await store.Projects.QueryAsync(new ProjectQuery(Page: 4, PageSize: 20));
        var filtered = await store.Projects.QueryAsync(new ProjectQuery(Light: "Red", Page: 2, PageSize: 10));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"C{i:000}"), first.Items.Select(p => p.Code));
        Assert.Equal(Enumerable.Range(40, 5).Select(i => $"C{i:000}"), last.Items.Select(p => p.Code));
        Assert.Empty(beyond.Items);
        Assert.All([first, last, beyond], page => Assert.Equal(45, page.Total));
        Assert.Equal(["C030", "C033", "C036", "C039", "C042"], filtered.Items.Select(p => p.Code));
        Assert.Equal(15, filtered.Total);
    }

    [Fact]
    public async Task QueryAsync_PageSizeAbove200_ReturnsAtMost200()
    {
        var store = await OpenStoreAsync();
        await SeedAsync(store, Enumerable.Range(0, 250).Select(i => Project($"C{i:000}")));

        var page = await store.Projects.QueryAsync(new ProjectQuery(PageSize: 1000));

        Assert.Equal(200, page.Items.Count);
        Assert.Equal(250, page.Total);
    }

    [Fact]
    public async Task QueryAsync_EntryWritten_RoundTripsEveryFieldWithOffsetsAndStepOrder()
    {
        var store = await OpenStoreAsync();
        var entry = new ProjectIndexEntry(
            "P-2025-0042", "Dianchi north bank road", "Chenggong", "91530100MA6K0042XY", null, "Active", "Yellow",
            ["review", "archive", "payment"],
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)).AddTicks(1),
            new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.FromHours(-3)));

        await store.Aggregates.CommitAsync(Commit("project/P-2025-0042", 0, [Event(1)], index: entry));

        AssertSameEntry(entry, Assert.Single((await store.Projects.QueryAsync(new ProjectQuery())).Items));
    }

    [Fact]
    public async Task QueryAsync_EntryRewritten_ShowsNewFieldsAndOnlyNewOpenSteps()
    {
        var store = await OpenStoreAsync();
        await SeedAsync(store, Sample);
        var rewritten = Sample[0] with { Light = "Red", State = "Suspended", OpenSteps = ["payment"] };

        await store.Aggregates.CommitAsync(Commit("project/P001", 1, [Event(2)], index: rewritten));

        Assert.Equal(["P004", "P005"], (await store.Projects.QueryAsync(new ProjectQuery(Step: "survey"))).Items.Select(p => p.Code));
        Assert.Equal(["P001", "P005"], (await store.Projects.QueryAsync(new ProjectQuery(Step: "payment"))).Items.Select(p => p.Code));
        var red = await store.Projects.QueryAsync(new ProjectQuery(Light: "Red"));
        AssertSameEntry(rewritten, red.Items[0]);
        Assert.Equal(5, (await store.Projects.QueryAsync(new ProjectQuery())).Total);
    }

    [Fact]
    public async Task QueryAsync_CommitWithoutIndex_LeavesTheRowAsItWas()
    {
        var store = await OpenStoreAsync();
        await SeedAsync(store, Sample.Take(1));

        await store.Aggregates.CommitAsync(Commit("project/P001", 1, [Event(2)]));

        AssertSameEntry(Sample[0], Assert.Single((await store.Projects.QueryAsync(new ProjectQuery())).Items));
    }

    private static async Task SeedAsync(StoreUnderTest store, IEnumerable<ProjectIndexEntry> entries) =>
        await Task.WhenAll(entries.Select(entry =>
            store.Aggregates.CommitAsync(Commit($"project/{entry.Code}", 0, [Event(1)], index: entry))));
}
