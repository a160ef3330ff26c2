using System.Net;
using Orleans;
using Orleans.Runtime;

namespace Workflow.Clustering.Postgres.Tests;

/// <summary>The <see cref="IMembershipTable"/> contract, operation by operation; each test has a cluster id of its own.</summary>
public sealed class PostgresMembershipTableTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private readonly string _clusterId = TestEntries.NewClusterId();
    private PostgresMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = TestEntries.Table(database.ConnectionString, _clusterId);
        await _table.InitializeMembershipTable(tryInitTableVersion: true);
    }

    public Task DisposeAsync() => _table.DisposeAsync().AsTask();

    [Fact]
    public async Task ReadAll_NewCluster_ReturnsVersionZeroAndNoSilos()
    {
        var data = await _table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Fact]
    public async Task InitializeMembershipTable_AgainAfterWrites_KeepsVersionAndRows()
    {
        Assert.True(await _table.InsertRow(TestEntries.Entry(), (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();

        await _table.InitializeMembershipTable(tryInitTableVersion: true);

        var after = await _table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Single(after.Members);
    }

    [Fact]
    public async Task InsertRow_CurrentVersionEtag_InsertsRowAndAdvancesVersion()
    {
        var entry = TestEntries.Entry();
        entry.SuspectTimes = [Tuple.Create(TestEntries.Entry().SiloAddress, TestEntries.Now.AddSeconds(-3))];
        var version = (await _table.ReadAll()).Version;

        Assert.True(await _table.InsertRow(entry, version.Next()));

        var data = await _table.ReadAll();
        var (stored, etag) = Assert.Single(data.Members);
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal(entry.StartTime, stored.StartTime);
        Assert.Equal(entry.IAmAliveTime, stored.IAmAliveTime);
        Assert.Equal(entry.SuspectTimes, stored.SuspectTimes);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(version.VersionEtag, data.Version.VersionEtag);
    }

    [Fact]
    public async Task InsertRow_StaleVersionEtag_ReturnsFalseAndChangesNothing()
    {
        var stale = (await _table.ReadAll()).Version;
        Assert.True(await _table.InsertRow(TestEntries.Entry(), stale.Next()));
        var before = await _table.ReadAll();

        Assert.False(await _table.InsertRow(TestEntries.Entry(), stale.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Single(after.Members);
    }

    [Fact]
    public async Task InsertRow_DuplicateSiloWithCurrentVersion_ReturnsFalseAndLeavesVersion()
    {
        var entry = TestEntries.Entry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();

        Assert.False(await _table.InsertRow(entry, before.Version.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, Assert.Single(after.Members).Item2);
    }

    [Fact]
    public async Task InsertRow_EtagNotIssuedByProvider_ReturnsFalse()
    {
        Assert.False(await _table.InsertRow(TestEntries.Entry(), new TableVersion(1, "not-an-etag")));

        Assert.Empty((await _table.ReadAll()).Members);
    }

    [Fact]
    public async Task UpdateRow_CurrentEtags_ReplacesEntryAndAdvancesVersion()
    {
        var entry = TestEntries.Entry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();
        var etag = before.Members[0].Item2;

        entry.Status = SiloStatus.Dead;
        entry.IAmAliveTime = TestEntries.Now.AddSeconds(10);
        entry.AddOrUpdateSuspector(TestEntries.Entry().SiloAddress, TestEntries.Now.AddSeconds(11), maxVotes: 2);
        Assert.True(await _table.UpdateRow(entry, etag, before.Version.Next()));

        var after = await _table.ReadAll();
        var (stored, newEtag) = Assert.Single(after.Members);
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.Equal(SiloStatus.Dead, stored.Status);
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
    }

    [Fact]
    public async Task UpdateRow_StaleRowEtag_ReturnsFalseAndChangesNothing()
    {
        var entry = TestEntries.Entry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var first = await _table.ReadAll();
        var staleEtag = first.Members[0].Item2;
        entry.Status = SiloStatus.Active;
        Assert.True(await _table.UpdateRow(entry, staleEtag, first.Version.Next()));
        var before = await _table.ReadAll();

        entry.Status = SiloStatus.Dead;
        Assert.False(await _table.UpdateRow(entry, staleEtag, before.Version.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SiloStatus.Active, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task UpdateRow_StaleVersionEtag_ReturnsFalseAndChangesNothing()
    {
        var entry = TestEntries.Entry();
        var stale = (await _table.ReadAll()).Version;
        Assert.True(await _table.InsertRow(entry, stale.Next()));
        var before = await _table.ReadAll();

        entry.Status = SiloStatus.Active;
        Assert.False(await _table.UpdateRow(entry, before.Members[0].Item2, stale.Next()));

        var after = await _table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(after.Members).Item1.Status);
    }

    [Fact]
    public async Task UpdateRow_SiloNotInTable_ReturnsFalseAndLeavesVersion()
    {
        Assert.True(await _table.InsertRow(TestEntries.Entry(), (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();

        Assert.False(await _table.UpdateRow(TestEntries.Entry(), before.Members[0].Item2, before.Version.Next()));

        Assert.Equal(before.Version, (await _table.ReadAll()).Version);
    }

    [Fact]
    public async Task ReadAll_SeveralSilos_ReturnsVersionAndDistinctEtags()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await _table.InsertRow(TestEntries.Entry(), (await _table.ReadAll()).Version.Next()));
        }

        var data = await _table.ReadAll();

        Assert.Equal(4, data.Version.Version);
        Assert.Equal(4, data.Members.Count);
        Assert.Equal(4, data.Members.Select(m => m.Item2).Distinct().Count());
    }

    [Fact]
    public async Task ReadRow_OneOfSeveralSilos_ReturnsThatSiloAndTableVersion()
    {
        var wanted = TestEntries.Entry();
        Assert.True(await _table.InsertRow(TestEntries.Entry(), (await _table.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(wanted, (await _table.ReadAll()).Version.Next()));
        var all = await _table.ReadAll();

        var row = await _table.ReadRow(wanted.SiloAddress);

        var (stored, etag) = Assert.Single(row.Members);
        Assert.Equal(wanted.SiloAddress, stored.SiloAddress);
        Assert.Equal(all.TryGet(wanted.SiloAddress)!.Item2, etag);
        Assert.Equal(all.Version, row.Version);
    }

    [Fact]
    public async Task ReadRow_UnknownSilo_ReturnsNoSiloAndTableVersion()
    {
        var row = await _table.ReadRow(TestEntries.Entry().SiloAddress);

        Assert.Empty(row.Members);
        Assert.Equal((await _table.ReadAll()).Version, row.Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_KnownSilo_ChangesHeartbeatOnlyAndKeepsEtags()
    {
        var entry = TestEntries.Entry(SiloStatus.Active);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();
        var heartbeat = TestEntries.Now.AddMinutes(1);

        // Orleans sends only the address and the time (MembershipTableManager.UpdateIAmAlive).
        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = heartbeat });

        var after = await _table.ReadAll();
        var (stored, etag) = Assert.Single(after.Members);
        Assert.Equal(heartbeat, stored.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(entry.SiloName, stored.SiloName);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, etag);

        // What was read before the heartbeat is still good for a conditional write.
        entry.Status = SiloStatus.ShuttingDown;
        Assert.True(await _table.UpdateRow(entry, before.Members[0].Item2, before.Version.Next()));
    }

    [Fact]
    public async Task UpdateIAmAlive_UnknownSilo_ChangesNothing()
    {
        var before = await _table.ReadAll();

        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = TestEntries.Entry().SiloAddress, IAmAliveTime = TestEntries.Now });

        var after = await _table.ReadAll();
        Assert.Empty(after.Members);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_OldEntries_RemovesOnlyOldNonActiveOnes()
    {
        var old = TestEntries.Now.AddDays(-10);
        var kept = new List<MembershipEntry>();
        var removed = new List<MembershipEntry>();
        foreach (var status in Enum.GetValues<SiloStatus>())
        {
            var entry = TestEntries.Entry(status);
            entry.StartTime = old;
            entry.IAmAliveTime = old;
            (status == SiloStatus.Active ? kept : removed).Add(entry);
        }

        // Old heartbeat, but declared dead recently: the death vote is its latest update, so it stays listed.
        var recentlyDeclaredDead = TestEntries.Entry(SiloStatus.Dead);
        recentlyDeclaredDead.StartTime = old;
        recentlyDeclaredDead.IAmAliveTime = old;
        recentlyDeclaredDead.AddSuspector(TestEntries.Entry().SiloAddress, TestEntries.Now);
        kept.Add(recentlyDeclaredDead);
        kept.Add(TestEntries.Entry(SiloStatus.Dead));
        foreach (var entry in kept.Concat(removed))
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        var other = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId());
        await using var otherTable = other;
        await other.InitializeMembershipTable(true);
        var otherDead = TestEntries.Entry(SiloStatus.Dead);
        otherDead.StartTime = old;
        otherDead.IAmAliveTime = old;
        Assert.True(await other.InsertRow(otherDead, (await other.ReadAll()).Version.Next()));

        await _table.CleanupDefunctSiloEntries(TestEntries.Now.AddDays(-3));

        var remaining = (await _table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal(kept.Select(e => e.SiloAddress).ToHashSet(), remaining);
        Assert.Single((await other.ReadAll()).Members);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_ClusterId_RemovesThatClusterOnly()
    {
        Assert.True(await _table.InsertRow(TestEntries.Entry(), (await _table.ReadAll()).Version.Next()));
        await using var other = TestEntries.Table(database.ConnectionString, TestEntries.NewClusterId());
        await other.InitializeMembershipTable(true);
        Assert.True(await other.InsertRow(TestEntries.Entry(), (await other.ReadAll()).Version.Next()));
        var stale = await _table.ReadAll();

        await _table.DeleteMembershipTableEntries(_clusterId);

        var gone = await _table.ReadAll();
        Assert.Empty(gone.Members);
        Assert.Equal(0, gone.Version.Version);
        Assert.False(await _table.InsertRow(TestEntries.Entry(), stale.Version.Next()));
        Assert.Single((await other.ReadAll()).Members);

        // A silo starting afterwards initialises the cluster again from version 0.
        await _table.InitializeMembershipTable(true);
        Assert.True(await _table.InsertRow(TestEntries.Entry(), (await _table.ReadAll()).Version.Next()));
    }

    [Fact]
    public async Task InsertRow_ConcurrentWritersWithSameVersion_ExactlyOneWins()
    {
        var version = (await _table.ReadAll()).Version.Next();
        var writers = Enumerable.Range(0, 16)
            .Select(_ => TestEntries.Table(database.ConnectionString, _clusterId))
            .ToList();
        try
        {
            // A gate, so every writer has its connection open and sends its statement at the same moment.
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = writers.Select(async writer =>
            {
                await writer.ReadAll();
                await gate.Task;
                return await writer.InsertRow(TestEntries.Entry(), version);
            }).ToList();
            gate.SetResult();
            var results = await Task.WhenAll(attempts);

            Assert.Single(results, won => won);
            var data = await _table.ReadAll();
            Assert.Single(data.Members);
            Assert.Equal(version.Version, data.Version.Version);
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task InsertRow_ConcurrentInsertsOfOneSilo_ExactlyOneWins()
    {
        var entry = TestEntries.Entry();
        var version = (await _table.ReadAll()).Version.Next();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _table.InsertRow(entry, version)));

        Assert.Single(results, won => won);
        Assert.Single((await _table.ReadAll()).Members);
    }

    [Fact]
    public async Task UpdateRow_ConcurrentWritersWithSameEtags_ExactlyOneWins()
    {
        var entry = TestEntries.Entry();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var read = await _table.ReadAll();
        var etag = read.Members[0].Item2;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
        {
            var update = TestEntries.Entry();
            update.SiloAddress = entry.SiloAddress;
            update.SiloName = "writer-" + i;
            return _table.UpdateRow(update, etag, read.Version.Next());
        }));

        Assert.Single(results, won => won);
        var winner = Array.IndexOf(results, true);
        var after = await _table.ReadAll();
        Assert.Equal("writer-" + winner, Assert.Single(after.Members).Item1.SiloName);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task InsertRow_IPv6Silo_RoundTripsAddress()
    {
        var entry = TestEntries.Entry();
        entry.SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse("fd00::17"), 11_111), 7);

        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        Assert.Equal(entry.SiloAddress, (await _table.ReadRow(entry.SiloAddress)).Members.Single().Item1.SiloAddress);
    }
}
