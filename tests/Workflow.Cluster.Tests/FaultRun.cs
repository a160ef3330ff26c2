using System.Diagnostics;
using System.Globalization;
using System.Text;
using Orleans.Runtime;

namespace Workflow.Cluster.Tests;

/// <summary>
/// One fault run from start to end: a fresh database, the local cluster of scripts/cluster-up, lots deposited in every
/// county, the load, the fault in the middle of it, then the checks and the figures.
/// </summary>
internal sealed class FaultRun : IAsyncDisposable
{
    private readonly ClusterDatabase _database;
    private readonly LocalCluster _cluster;
    private readonly ClusterObserver _observer;
    private readonly GatewayApi _api;
    private readonly FaultScale _scale;
    private readonly StringBuilder _report = new();

    private FaultRun(ClusterDatabase database, LocalCluster cluster, ClusterObserver observer, GatewayApi api, FaultScale scale)
    {
        _database = database;
        _cluster = cluster;
        _observer = observer;
        _api = api;
        _scale = scale;
    }

    public string Report => _report.ToString();

    public static async Task<FaultRun> StartAsync(FaultScale scale, Action<string> log)
    {
        var started = Stopwatch.StartNew();
        var database = await ClusterDatabase.CreateAsync();
        LocalCluster? cluster = null;
        ClusterObserver? observer = null;
        try
        {
            cluster = await LocalCluster.UpAsync(database.ConnectionString, log);
            observer = await ClusterObserver.ConnectAsync(database.ConnectionString, cluster.ClusterId, cluster.RunDirectory);
            var api = await GatewayApi.ConnectAsync(cluster.Gateway, ProjectPlan.Users);
            await QuotaStock.DepositAsync(api, scale.LotsPerCounty);
            log($"cluster {cluster.ClusterId} up with lots deposited in {started.Elapsed.TotalSeconds:0.0} s (run directory {cluster.RunDirectory})");
            return new FaultRun(database, cluster, observer, api, scale);
        }
        catch
        {
            if (observer is not null)
            {
                await observer.DisposeAsync();
            }

            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of silo <paramref name="victim"/> in the middle of the load.</summary>
    public async Task<(FaultChecks Checks, KillFigures Figures)> KillSiloUnderLoadAsync(int victim)
    {
        var driver = new LoadDriver(_api, _scale.Lanes);
        using var stop = new CancellationTokenSource();
        var load = driver.RunAsync(stop.Token);
        await Task.Delay(_scale.BeforeFault);

        var port = _cluster.SiloPorts[victim - 1];
        var silo = await _observer.ActiveSiloOnPortAsync(port);
        var onVictim = await _observer.ProjectsOnAsync(silo);
        var killedAt = Stopwatch.GetTimestamp();
        _cluster.Kill(victim);
        var victims = driver.Registered().Where(p => onVictim.Contains(p.Code)).ToList();
        var probe = driver.ProbeAsync(victims, probes: 4, stop.Token);
        var declaredDead = await WaitDeclaredDeadAsync(silo, port, killedAt);
        await Task.Delay(_scale.AfterFault);
        await stop.CancelAsync();
        await Task.WhenAll(load, probe);

        var checks = await SettledChecksAsync(driver);
        var onVictimAnswers = checks.Acts.Where(a => onVictim.Contains(a.Project.Code)).SelectMany(a => a.Answers).ToList();
        var inFlight = onVictimAnswers.Where(a => a.StartedAt < killedAt && a.EndedAt > killedAt).ToList();
        var sentAfter = onVictimAnswers.Where(a => a.StartedAt > killedAt).ToList();
        var figures = new KillFigures(
            victim, silo.ToString(), onVictim.Count, declaredDead,
            sentAfter.Where(a => a.Succeeded).Select(a => (TimeSpan?)Stopwatch.GetElapsedTime(killedAt, a.EndedAt)).Min(),
            sentAfter.Count(a => a.Succeeded),
            inFlight.Count,
            inFlight.Count(a => a.Succeeded),
            inFlight.Count(a => a.IsServiceUnavailable));
        Describe($"SIGKILL of silo {victim} under load ({_scale.Name} scale, {_scale.Lanes} lanes)", checks, driver);
        _report.AppendLine(CultureInfo.InvariantCulture, $"- killed silo {victim} ({silo}), holding {figures.ProjectGrainsOnVictim} project grains");
        _report.AppendLine(CultureInfo.InvariantCulture, $"- declared Dead in the membership table {Seconds(figures.DeclaredDeadAfter)} after the kill");
        _report.AppendLine(CultureInfo.InvariantCulture, $"- first successful act on a project grain that lived on the dead silo: {Seconds(figures.FirstActOnVictimGrainAfter)} after the kill, among acts sent after it (besides the lanes, 4 callers assign liaisons to those projects from the moment of the kill on); {figures.ActsOnVictimGrainsAfterKill} such acts succeeded");
        _report.AppendLine(CultureInfo.InvariantCulture, $"- requests on those grains in flight at the kill: {figures.InFlightAtKill}; answered 200 (the silo answered before it died): {figures.InFlightSucceeded}; answered 503 once the client's 5 s response timeout ran out: {figures.InFlightUnavailable}");
        return (checks, figures);
    }

    /// <summary>Every silo in turn: SIGTERM, wait until it has left, start it again, wait until ready; under load.</summary>
    public async Task<(FaultChecks Checks, IReadOnlyList<TimeSpan> Restarts)> RestartSilosOneByOneAsync()
    {
        var driver = new LoadDriver(_api, _scale.Lanes);
        using var stop = new CancellationTokenSource();
        var load = driver.RunAsync(stop.Token);
        await Task.Delay(_scale.BeforeFault);
        var restarts = new List<TimeSpan>();
        for (var silo = 1; silo <= LocalCluster.Silos; silo++)
        {
            var restart = Stopwatch.StartNew();
            await _cluster.RestartGracefullyAsync(silo);
            restarts.Add(restart.Elapsed);
            await Task.Delay(_scale.BetweenRestarts);
        }

        await Task.Delay(_scale.AfterFault / 2);
        await stop.CancelAsync();
        await load;

        var checks = await SettledChecksAsync(driver);
        Describe($"Graceful rolling restart of the {LocalCluster.Silos} silos under load ({_scale.Name} scale, {_scale.Lanes} lanes)", checks, driver);
        _report.AppendLine(CultureInfo.InvariantCulture, $"- restarts (stop, leave, start, ready): {string.Join(", ", restarts.Select(r => Seconds(r)))}");
        return (checks, restarts);
    }

    /// <summary>Set once every check has passed: the run directory (logs) is then removed, unless
    /// <c>LANDFLOW_FAULT_KEEP_LOGS=1</c>; a failed run keeps it.</summary>
    public bool Passed { get; set; }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _observer.DisposeAsync();
        await _cluster.DisposeAsync();
        await _database.DisposeAsync();
        if (Passed && Environment.GetEnvironmentVariable("LANDFLOW_FAULT_KEEP_LOGS") != "1")
        {
            Directory.Delete(_cluster.RunDirectory, recursive: true);
        }
    }

    private static string Seconds(TimeSpan? span) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:0.00} s") : "never";

    private async Task<TimeSpan?> WaitDeclaredDeadAsync(SiloAddress silo, int port, long killedAt)
    {
        while (Stopwatch.GetElapsedTime(killedAt) < TimeSpan.FromSeconds(60))
        {
            if (await _database.SiloStatusAsync(_cluster.ClusterId, port, silo.Generation) == "Dead")
            {
                return Stopwatch.GetElapsedTime(killedAt);
            }

            await Task.Delay(50);
        }

        return null;
    }

    /// <summary>The checks, repeated until the quota settles: a reservation left unacknowledged by the fault is
    /// released by its project on its next activation, which reading the project brings about.</summary>
    private static async Task<FaultChecks> SettledChecksAsync(LoadDriver driver, GatewayApi api, int lotsPerCounty)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var checks = await FaultChecks.RunAsync(api, driver.Acts, driver.Projects, lotsPerCounty);
            if (checks.QuotaConserved || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                return checks;
            }

            await Task.Delay(1000);
        }
    }

    private Task<FaultChecks> SettledChecksAsync(LoadDriver driver) => SettledChecksAsync(driver, _api, _scale.LotsPerCounty);

    /// <summary>How many grain calls the gateway's log says it repeated through the failover.</summary>
    private int RepeatedByGateway() => _cluster.GatewayLog().Count(line => line.Contains("failed over", StringComparison.Ordinal) && line.Contains("repeating", StringComparison.Ordinal));

    private void Describe(string title, FaultChecks checks, LoadDriver driver)
    {
        var answers = checks.Answers.ToList();
        _report.AppendLine(CultureInfo.InvariantCulture, $"### {title}");
        _report.AppendLine();
        _report.AppendLine(CultureInfo.InvariantCulture, $"- projects registered: {checks.Acts.Count(a => a.Act.Kind == "registered" && a.Outcome is ActOutcome.Acknowledged or ActOutcome.LandedUnanswered)}; requests sent: {answers.Count}");
        _report.AppendLine(CultureInfo.InvariantCulture, $"- acts acknowledged: {checks.Acknowledged}; found in their project's history: {checks.AcknowledgedFound}; missing: {checks.Missing.Count}; applied twice: {checks.Duplicated.Count}");
        _report.AppendLine(CultureInfo.InvariantCulture, $"- acts answered 503 (applied unknown) whose repeat was refused because they had landed: {checks.LandedUnanswered}, all found in the history: {checks.Missing.All(m => !m.StartsWith("landed", StringComparison.Ordinal))}");
        _report.AppendLine(CultureInfo.InvariantCulture, $"- reservations refused for want of quota: {checks.Acts.Count(a => a.Outcome == ActOutcome.Refused)}; acknowledged: {checks.Acts.Count(a => a.Act.IsReserve && a.Outcome == ActOutcome.Acknowledged)}");
        _report.AppendLine(CultureInfo.InvariantCulture, $"- 503 answers: {checks.Unavailable} ({answers.Count(a => a.IsServiceUnavailable && a.Applied == "no")} not applied, {answers.Count(a => a.IsServiceUnavailable && a.Applied == "unknown")} applied unknown), without Retry-After: {checks.UnavailableWithoutRetryAfter}; grain calls the gateway repeated: {RepeatedByGateway()}");
        _report.AppendLine(CultureInfo.InvariantCulture, $"- failed requests (any other error, or no answer): {checks.Failures.Count()}");
        foreach (var failure in checks.Failures.Take(10))
        {
            _report.AppendLine(CultureInfo.InvariantCulture, $"  - {failure.Act.Name} of {failure.Project.Code}: {failure.Problem}");
        }

        foreach (var problem in checks.Missing.Concat(checks.Duplicated).Take(10))
        {
            _report.AppendLine(CultureInfo.InvariantCulture, $"  - {problem}");
        }

        _report.AppendLine();
        _report.AppendLine("Quota per county after the run (area / paddy / capacity):");
        _report.AppendLine();
        _report.AppendLine("| county | deposited | available | reserved | consumed | available + reserved + consumed | reserved, as its projects hold it | conserved |");
        _report.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var county in checks.Counties)
        {
            _report.AppendLine(CultureInfo.InvariantCulture,
                $"| {county.County} | {county.LedgerDeposited} | {county.Available} | {county.Reserved} | {county.Consumed} | {county.Available + county.Reserved + county.Consumed} | {county.ReservedByProjects} | {(county.Conserved && county.ReservationsMatch ? "yes" : "NO")} |");
        }

        _report.AppendLine();
        _ = driver;
    }
}

internal sealed record KillFigures(
    int Victim,
    string Silo,
    int ProjectGrainsOnVictim,
    TimeSpan? DeclaredDeadAfter,
    TimeSpan? FirstActOnVictimGrainAfter,
    int ActsOnVictimGrainsAfterKill,
    int InFlightAtKill,
    int InFlightSucceeded,
    int InFlightUnavailable);
