using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Projections;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>
/// The weekly bulletin (一周一通报) over the analytics read model: counties and departments ranked by the on-time rate of
/// the steps completed in one ISO week, the red items at the week's end, the change against the week before. Leaders and
/// administrators read every unit; an officer reads their county's bulletin (every department's steps in it).
/// </summary>
// Reentrant: no state to guard, and without it a silo runs one call per core while the rest wait on store round trips.
[StatelessWorker, Reentrant]
public sealed class BulletinGrain(
    IReadModelDatabase database,
    WorkflowEnvironment environment,
    IOptions<BulletinOptions> options,
    [FromKeyedServices(WorkflowClock.Key)] TimeProvider time) : Grain, IBulletinGrain
{
    private readonly DashboardQueries queries = new(database);

    public async Task<BulletinReply> GetAsync(string? isoWeek, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Scope(actor) is not { } scope)
        {
            return new BulletinReply(null, Refusal.RoleForbidden("The bulletin is read by leaders, administrators and county officers."));
        }

        var today = WorkingCalendar.LocalDate(time.GetUtcNow());
        var week = isoWeek ?? IsoWeeks.LastFullWeekBefore(today);
        if (!IsoWeeks.TryParse(week, out var monday))
        {
            return new BulletinReply(null, Refusal.Invalid(Rules.InvalidWeek, $"'{isoWeek}' is not an ISO week such as 2026-W49."));
        }

        week = IsoWeeks.Of(monday);
        var previous = IsoWeeks.Previous(week);
        var filter = new AnalyticsFilter(scope, null);
        var dwell = await queries.DwellAsync(filter, [week, previous]);
        var end = WorkingCalendar.StartOfDay(monday.AddDays(7));
        var red = await queries.RedAtAsync(filter, end);
        var sunday = monday.AddDays(6);
        var redItems = red.Select(item => new BulletinRedItem(
            item.Code, item.Name ?? "", item.County, item.Step, item.Department, item.Liaison, Overdue(item, sunday))).ToList();

        var counties = Counties.Huzhou.Select(c => c.Code)
            .Where(c => scope.County is null || c == scope.County)
            .Concat(dwell.Select(d => d.County)).Concat(red.Select(r => r.County))
            .Distinct(StringComparer.Ordinal).ToList();
        var departments = environment.Templates.Departments
            .Concat(dwell.Select(d => d.Department)).Concat(red.Select(r => r.Department))
            .Distinct(StringComparer.Ordinal).ToList();

        var line = options.Value.Line;
        var (completed, onTime) = DashboardReads.Completions(dwell.Where(d => d.Week == week));
        var (previousCompleted, previousOnTime) = DashboardReads.Completions(dwell.Where(d => d.Week == previous));
        return new BulletinReply(new Bulletin(
            week,
            monday,
            sunday,
            line,
            Rows(counties, dwell, d => d.County, red.Select(r => r.County), week, previous, line, CountyName),
            Rows(departments, dwell, d => d.Department, red.Select(r => r.Department), week, previous, line, d => d),
            redItems,
            (int)completed,
            (int)onTime,
            DashboardReads.Rate(completed, onTime),
            DashboardReads.Rate(previousCompleted, previousOnTime),
            time.GetUtcNow()), null);
    }

    // Leaders and administrators read every unit; an officer their county, all departments' steps in it.
    private static DashboardScope? Scope(ActorInfo actor) => actor.Role switch
    {
        Roles.Admin or Roles.Leader or Roles.System => DashboardScope.Everything,
        Roles.Officer when actor.County is not null => new DashboardScope(actor.County, null, null),
        _ => null,
    };

    private static string CountyName(string code) => Counties.IsKnown(code) ? Counties.Get(code).NameZh : code;

    private static List<BulletinRow> Rows(
        IReadOnlyList<string> units, IReadOnlyList<DwellCount> dwell, Func<DwellCount, string> unitOf, IEnumerable<string> redUnits,
        string week, string previous, double line, Func<string, string> name)
    {
        UnitCompletions Completions(string unit, string inWeek)
        {
            var (completed, onTime) = DashboardReads.Completions(dwell.Where(d => d.Week == inWeek && unitOf(d) == unit));
            return new UnitCompletions(unit, completed, onTime);
        }

        var redByUnit = redUnits.GroupBy(u => u, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var before = UnitRanking.Rank(units.Select(u => Completions(u, previous)))
            .ToDictionary(r => r.Unit.Unit, r => (r.Rank, r.Unit.Rate), StringComparer.Ordinal);
        return [.. UnitRanking.Rank(units.Select(u => Completions(u, week))).Select(ranked =>
        {
            var unit = ranked.Unit;
            var earlier = before[unit.Unit];
            return new BulletinRow(
                ranked.Rank,
                unit.Unit,
                name(unit.Unit),
                (int)unit.Completed,
                (int)unit.OnTime,
                unit.Rate,
                UnitRanking.BelowLine(unit.Rate, line),
                redByUnit.GetValueOrDefault(unit.Unit),
                unit.Rate - earlier.Rate,
                earlier.Rate is null ? null : earlier.Rank);
        })];
    }

    // Working days past the limit's last day, counted to the week's last day.
    private int Overdue(VisitItem item, DateOnly sunday)
    {
        var lastDay = WorkingCalendar.LocalDate(item.DueAt!.Value.AddTicks(-1));
        return environment.Calendar.CountWorkingDays(lastDay, sunday);
    }
}
