namespace Workflow.Contracts;

/// <summary>The weekly bulletin (一周一通报): counties and departments ranked by on-time rate for one ISO week.</summary>
public interface IBulletinGrain : IGrainWithIntegerKey
{
    /// <summary><paramref name="isoWeek"/> as 2026-W49; null: the last full week before the clock's today.</summary>
    Task<BulletinReply> GetAsync(string? isoWeek, ActorInfo actor);
}

/// <summary>One ranked unit (a county or a department): completions in the week, on-time rate, its rank (1 = best),
/// whether it is under the line, red items now, and the change of rate against the week before (null when either is empty).</summary>
[GenerateSerializer, Immutable, Alias("landflow.BulletinRow")]
public sealed record BulletinRow(
    [property: Id(0)] int Rank,
    [property: Id(1)] string Unit,
    [property: Id(2)] string UnitName,
    [property: Id(3)] int Completed,
    [property: Id(4)] int CompletedOnTime,
    [property: Id(5)] double? OnTimeRate,
    [property: Id(6)] bool BelowLine,
    [property: Id(7)] int Red,
    [property: Id(8)] double? Change,
    [property: Id(9)] int? PreviousRank);

/// <summary>A step that is red at the end of the week: who to call (the liaison) and how many working days it is overdue.</summary>
[GenerateSerializer, Immutable, Alias("landflow.BulletinRedItem")]
public sealed record BulletinRedItem(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string County,
    [property: Id(3)] string Step,
    [property: Id(4)] string Department,
    [property: Id(5)] string? Liaison,
    [property: Id(6)] int WorkingDaysOverdue);

[GenerateSerializer, Immutable, Alias("landflow.Bulletin")]
public sealed record Bulletin(
    [property: Id(0)] string Week,
    [property: Id(1)] DateOnly From,
    [property: Id(2)] DateOnly To,
    [property: Id(3)] double Line,
    [property: Id(4)] IReadOnlyList<BulletinRow> Counties,
    [property: Id(5)] IReadOnlyList<BulletinRow> Departments,
    [property: Id(6)] IReadOnlyList<BulletinRedItem> RedItems,
    [property: Id(7)] int Completed,
    [property: Id(8)] int CompletedOnTime,
    [property: Id(9)] double? OnTimeRate,
    [property: Id(10)] double? PreviousOnTimeRate,
    [property: Id(11)] DateTimeOffset AsOf);

[GenerateSerializer, Immutable, Alias("landflow.BulletinReply")]
public sealed record BulletinReply([property: Id(0)] Bulletin? Value, [property: Id(1)] Refusal? Refusal);
