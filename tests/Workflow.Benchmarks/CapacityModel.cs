using System.Globalization;
using System.Text;

namespace Workflow.Benchmarks;

/// <summary>The province docs/capacity.md sizes a deployment for, and the assumptions that turn its yearly figures
/// into a peak (docs/capacity.md argues each).</summary>
public sealed record ProvinceLoad
{
    public int Cities { get; init; } = 11;

    public int Counties { get; init; } = 90;

    public int ActiveProjects { get; init; } = 20_000;

    public double ActsPerYear { get; init; } = 2_000_000;

    public int PeakOfficers { get; init; } = 200;

    public double WorkingDaysPerYear { get; init; } = 250;

    public double WorkingHoursPerDay { get; init; } = 8;

    /// <summary>The busiest hour of the year over the mean working hour.</summary>
    public double PeakFactor { get; init; } = 10;

    /// <summary>An act is a decision on a file: an officer at full speed makes one every 30 s at most.</summary>
    public double OfficerActsPerMinute { get; init; } = 2;

    public double OfficerReadsPerMinute { get; init; } = 10;

    public double OfficerListsPerMinute { get; init; } = 2;

    /// <summary>Enterprises and liaisons looking at their own projects' status.</summary>
    public double EnterpriseReadsPerProjectPerDay { get; init; } = 2;

    public double TargetUtilisation { get; init; } = 0.5;

    public double CoresPerSilo { get; init; } = 2;

    public double CoresPerGateway { get; init; } = 1;

    /// <summary><c>LandFlow:Postgres:MaxPoolSize</c>'s default.</summary>
    public int PoolPerSilo { get; init; } = 20;

    public int YearsOfHistory { get; init; } = 5;
}

/// <summary>What the model reads from a run: medians of the capacity figures of one deployment (NaN when not measured).
/// CPU in milliseconds per request; bytes per act; memory per active project in KiB and a silo's base in MiB.</summary>
public sealed record CapacityInputs(
    string Deployment,
    double SiloCpuPerAct, double GatewayCpuPerAct, double PostgresCpuPerAct,
    double SiloCpuPerRead, double GatewayCpuPerRead, double PostgresCpuPerRead,
    double SiloCpuPerList, double GatewayCpuPerList, double PostgresCpuPerList,
    double TransactionsPerAct, double WalBytesPerAct, double WalSyncsPerAct, double DatabaseBytesPerAct, double StoreBytesPerAct,
    double MemoryKiBPerProject, double SiloIdleMiB)
{
    /// <summary>The figures of the PostgreSQL deployment with the most silos measured (a province runs at least three,
    /// so its cross-silo calls belong in the figures), else the embedded one's (one process: all its CPU is the silo's).</summary>
    public static CapacityInputs? From(IReadOnlyList<Figure> figures, IReadOnlyList<Deployment> deployments)
    {
        var byKey = figures.Where(f => f.Samples.Count > 0).ToDictionary(f => f.Key, f => f.Summary.Median);
        var source = deployments.Where(d => byKey.ContainsKey(d.KeyPrefix + "capacity.cpu.per.act")).MaxBy(d => d.Silos);
        if (source is null)
        {
            return null;
        }

        double Get(string key) => byKey.GetValueOrDefault(source.KeyPrefix + key, double.NaN);
        var embedded = !source.OnPostgres;
        return new CapacityInputs(
            source.Name,
            Get(embedded ? "capacity.cpu.per.act" : "capacity.cpu.per.act.silos"), embedded ? 0 : Get("capacity.cpu.per.act.gateway"), Get("capacity.cpu.per.act.postgres"),
            Get(embedded ? "capacity.cpu.per.read" : "capacity.cpu.per.read.silos"), embedded ? 0 : Get("capacity.cpu.per.read.gateway"), Get("capacity.cpu.per.read.postgres"),
            Get(embedded ? "capacity.cpu.per.list" : "capacity.cpu.per.list.silos"), embedded ? 0 : Get("capacity.cpu.per.list.gateway"), Get("capacity.cpu.per.list.postgres"),
            Get("capacity.transactions.per.act"), Get("capacity.wal.bytes.per.act"), Get("capacity.wal.syncs.per.act"), Get("capacity.db.bytes.per.act"),
            Get("acts.bytes.per.act"),
            Get("scale.memory.per.project"), Get("capacity.silo.idle.memory"));
    }
}

/// <summary>The model's answer for one province: the peak it assumes and what carries it.</summary>
public sealed record CapacityPlan(
    double MeanActsPerSecond, double PeakActsPerSecond, double PeakReadsPerSecond, double PeakListsPerSecond,
    double SiloCoresAtPeak, int Silos, double GatewayCoresAtPeak, int Gateways, double HeadroomWithOneSiloLost,
    double SiloMemoryMiBWithOneLost,
    double PostgresCoresAtPeak, int PostgresCores, double PostgresMemoryGiB, int MaxConnections,
    double DiskGiBPerYear, double VolumeGiB, double WalGiBPerYear, double WalKiBPerSecondAtPeak,
    double CommitsPerSecondAtPeak, double FlushesPerSecondAtPeak, double WriteIopsAtPeak);

/// <summary>
/// From the measured per-request costs and the province's load to silos, gateways and a PostgreSQL size. Pure
/// arithmetic; docs/capacity.md writes out each formula with the numbers of a run.
/// </summary>
public static class CapacityModel
{
    private const double GiB = 1024.0 * 1024 * 1024;

    public static CapacityPlan Plan(CapacityInputs m, ProvinceLoad p)
    {
        var workingSecondsPerYear = p.WorkingDaysPerYear * p.WorkingHoursPerDay * 3600;
        var meanActs = p.ActsPerYear / workingSecondsPerYear;
        var peakActs = Math.Max(meanActs * p.PeakFactor, p.PeakOfficers * p.OfficerActsPerMinute / 60);
        var peakReads = p.PeakOfficers * p.OfficerReadsPerMinute / 60
            + p.ActiveProjects * p.EnterpriseReadsPerProjectPerDay / (p.WorkingHoursPerDay * 3600) * p.PeakFactor;
        var peakLists = p.PeakOfficers * p.OfficerListsPerMinute / 60;

        // Cores busy at the peak (CPU ms per request × requests/s ÷ 1000), then the count that keeps them at the
        // target utilisation with one silo (gateway) lost, and never fewer than a majority-keeping 3 (HA pair 2).
        double Busy(double perAct, double perRead, double perList) => (peakActs * perAct + peakReads * perRead + peakLists * Zero(perList)) / 1000;
        var siloBusy = Busy(m.SiloCpuPerAct, m.SiloCpuPerRead, m.SiloCpuPerList);
        var silos = Math.Max(3, (int)Math.Ceiling(siloBusy / p.TargetUtilisation / p.CoresPerSilo) + 1);
        var gatewayBusy = Busy(m.GatewayCpuPerAct, m.GatewayCpuPerRead, m.GatewayCpuPerList);
        var gateways = Math.Max(2, (int)Math.Ceiling(gatewayBusy / p.TargetUtilisation / p.CoresPerGateway) + 1);
        var headroom = (silos - 1) * p.CoresPerSilo * p.TargetUtilisation / siloBusy;
        var siloMemory = m.SiloIdleMiB + p.ActiveProjects * m.MemoryKiBPerProject / 1024 / (silos - 1);

        var postgresBusy = Busy(Zero(m.PostgresCpuPerAct), Zero(m.PostgresCpuPerRead), m.PostgresCpuPerList);
        var postgresCores = Math.Max(2, (int)Math.Ceiling(postgresBusy / p.TargetUtilisation));
        var diskPerYear = p.ActsPerYear * m.DatabaseBytesPerAct / GiB;
        // The rows of the active projects' whole lives so far: what PostgreSQL should keep in memory (shared_buffers
        // at a quarter of the memory), never less than 4 GiB.
        var hotSet = p.ActiveProjects * LalScript.ActCount * m.DatabaseBytesPerAct / GiB;
        var postgresMemory = Math.Max(4, Math.Pow(2, Math.Ceiling(Math.Log2(Math.Max(1, 4 * hotSet)))));
        var walPerSecond = peakActs * m.WalBytesPerAct;
        var flushes = peakActs * m.WalSyncsPerAct;
        return new CapacityPlan(
            meanActs, peakActs, peakReads, peakLists,
            siloBusy, silos, gatewayBusy, gateways, headroom, siloMemory,
            postgresBusy, postgresCores, postgresMemory,
            // The silos' pools at their cap, the superusers' 3 reserved, and a few for migration, backups and people.
            silos * p.PoolPerSilo + 3 + 7,
            diskPerYear,
            // History is kept: the years asked for, half again for vacuum's free space and indexes' growth, and 2 GiB of WAL (max_wal_size 1 GB, twice).
            p.YearsOfHistory * diskPerYear * 1.5 + 2,
            p.ActsPerYear * m.WalBytesPerAct / GiB,
            walPerSecond / 1024,
            peakActs * m.TransactionsPerAct,
            flushes,
            // WAL flushes, plus WAL and (at checkpoints) as many data pages written in 8 KiB blocks.
            flushes + 2 * walPerSecond / 8192);
    }

    private static double Zero(double value) => double.IsNaN(value) ? 0 : value;
}

/// <summary>The "Capacity" section of a run's report: the figures the model read, the province's answer, and the
/// scaling run (acts/s per silo count).</summary>
public static class CapacitySection
{
    public static string? Markdown(IReadOnlyList<Figure> figures, IReadOnlyList<Deployment> deployments)
    {
        var inputs = CapacityInputs.From(figures, deployments);
        if (inputs is null)
        {
            return null;
        }

        var p = new ProvinceLoad();
        var plan = CapacityModel.Plan(inputs, p);
        var prefix = deployments.First(d => d.Name == inputs.Deployment).KeyPrefix;
        var text = new StringBuilder();
        text.AppendLine("## Capacity");
        text.AppendLine();
        text.AppendLine(Line($"The model of `docs/capacity.md` applied to this run's figures of `{inputs.Deployment}` (medians), for a province of {p.Cities} cities, {p.Counties} counties, {p.ActiveProjects:N0} active projects, {p.ActsPerYear:N0} acts a year and {p.PeakOfficers} officers at once at the peak. The assumptions (peak factor {p.PeakFactor}, {p.WorkingDaysPerYear} working days of {p.WorkingHoursPerDay} h, {p.OfficerActsPerMinute} acts, {p.OfficerReadsPerMinute} status reads and {p.OfficerListsPerMinute} list pages per officer a minute, {p.EnterpriseReadsPerProjectPerDay} status reads per project a day by enterprises, {p.TargetUtilisation:P0} target utilisation, {p.CoresPerSilo} cores a silo, {p.CoresPerGateway} a gateway) are argued there."));
        text.AppendLine();
        text.AppendLine("| input | figure | value |");
        text.AppendLine("| --- | --- | ---: |");
        void Input(string what, string key, double value) => text.AppendLine(Line($"| {what} | `{prefix}{key}` | {Number(value)} |"));
        // Embedded: one process is silo and gateway, so its CPU is the figure without a suffix.
        var silo = prefix.Length == 0 ? "" : ".silos";
        Input("silo CPU per act, ms", "capacity.cpu.per.act" + silo, inputs.SiloCpuPerAct);
        Input("gateway CPU per act, ms", "capacity.cpu.per.act.gateway", inputs.GatewayCpuPerAct);
        Input("PostgreSQL CPU per act, ms", "capacity.cpu.per.act.postgres", inputs.PostgresCpuPerAct);
        Input("silo CPU per status read, ms", "capacity.cpu.per.read" + silo, inputs.SiloCpuPerRead);
        Input("gateway CPU per status read, ms", "capacity.cpu.per.read.gateway", inputs.GatewayCpuPerRead);
        Input("silo CPU per list page, ms", "capacity.cpu.per.list" + silo, inputs.SiloCpuPerList);
        Input("gateway CPU per list page, ms", "capacity.cpu.per.list.gateway", inputs.GatewayCpuPerList);
        Input("PostgreSQL CPU per list page, ms", "capacity.cpu.per.list.postgres", inputs.PostgresCpuPerList);
        Input("transactions per act", "capacity.transactions.per.act", inputs.TransactionsPerAct);
        Input("WAL flushes per act", "capacity.wal.syncs.per.act", inputs.WalSyncsPerAct);
        Input("WAL bytes per act", "capacity.wal.bytes.per.act", inputs.WalBytesPerAct);
        Input("database growth per act, bytes", "capacity.db.bytes.per.act", inputs.DatabaseBytesPerAct);
        Input("bytes written to the store per act", "acts.bytes.per.act", inputs.StoreBytesPerAct);
        Input("memory per active project, KiB", "scale.memory.per.project", inputs.MemoryKiBPerProject);
        Input("silo holding no project, MiB", "capacity.silo.idle.memory", inputs.SiloIdleMiB);
        text.AppendLine();
        text.AppendLine("| answer | value |");
        text.AppendLine("| --- | ---: |");
        void Answer(string what, string value) => text.AppendLine(Line($"| {what} | {value} |"));
        Answer("acts/s: yearly mean in working hours, and the peak assumed", $"{Number(plan.MeanActsPerSecond)}, {Number(plan.PeakActsPerSecond)}");
        Answer("status reads/s and list pages/s at the peak", $"{Number(plan.PeakReadsPerSecond)}, {Number(plan.PeakListsPerSecond)}");
        Answer("silo cores busy at the peak → silos (N+1, at least 3)", $"{Number(plan.SiloCoresAtPeak)} → **{plan.Silos}**");
        Answer("gateway cores busy at the peak → gateways (N+1, at least 2)", $"{Number(plan.GatewayCoresAtPeak)} → **{plan.Gateways}**");
        Answer("with one silo lost, the silos carry this many times the peak at the target utilisation", Number(plan.HeadroomWithOneSiloLost));
        Answer("silo resident memory with one silo lost, MiB", Number(plan.SiloMemoryMiBWithOneLost));
        Answer("PostgreSQL cores busy at the peak → cores", $"{Number(plan.PostgresCoresAtPeak)} → **{plan.PostgresCores}**");
        Answer("PostgreSQL memory, GiB", $"**{Number(plan.PostgresMemoryGiB)}**");
        Answer("max_connections", $"**{plan.MaxConnections}**");
        Answer($"database growth per year, GiB; volume for {p.YearsOfHistory} years, GiB", $"{Number(plan.DiskGiBPerYear)}; **{Number(plan.VolumeGiB)}**");
        Answer("WAL per year (archive, backups), GiB; WAL at the peak, KiB/s", $"{Number(plan.WalGiBPerYear)}; {Number(plan.WalKiBPerSecondAtPeak)}");
        Answer("transactions/s, WAL flushes/s and write IOPS at the peak", $"{Number(plan.CommitsPerSecondAtPeak)}, {Number(plan.FlushesPerSecondAtPeak)}, {Number(plan.WriteIopsAtPeak)}");
        AppendScaling(text, figures, deployments);
        return text.ToString();
    }

    /// <summary>acts/s and closed-loop p99 for each PostgreSQL deployment of the run, and acts/s per silo.</summary>
    private static void AppendScaling(StringBuilder text, IReadOnlyList<Figure> figures, IReadOnlyList<Deployment> deployments)
    {
        var byKey = figures.Where(f => f.Samples.Count > 0).ToDictionary(f => f.Key);
        var measured = deployments.Where(d => d.OnPostgres && byKey.ContainsKey(d.KeyPrefix + "acts.throughput")).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("Scaling (the acts scenario on each PostgreSQL deployment; with `--acts-scale-with-silos true` its projects and acts in flight grow with the silos):");
        text.AppendLine();
        text.AppendLine("| deployment | acts/s (median, min–max) | acts/s per silo | act p99 at full load, ms | CPU per act, ms (silos + gateway) | load |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var d in measured)
        {
            var acts = byKey[d.KeyPrefix + "acts.throughput"];
            var p99 = byKey.GetValueOrDefault(d.KeyPrefix + "acts.closed.p99")?.Summary.Median ?? double.NaN;
            var cpu = byKey.GetValueOrDefault(d.KeyPrefix + "capacity.cpu.per.act")?.Summary.Median ?? double.NaN;
            var s = acts.Summary;
            text.AppendLine(Line($"| {d.Name} | {Number(s.Median)} ({Number(s.Min)}–{Number(s.Max)}) | {Number(s.Median / d.Silos)} | {Number(p99)} | {Number(cpu)} | {acts.Note} |"));
        }
    }

    private static string Number(double value) => BenchmarkReport.Format(value);

    private static string Line(FormattableString line) => line.ToString(CultureInfo.InvariantCulture);
}
