namespace Workflow.Contracts;

/// <summary>
/// A project's recorded history brought into the platform (a project migrated from paper records, the demo data set):
/// its registration when the project is new, then its acts, each with the instant it was made. Administrators and the
/// platform only. The grain replays the acts through the same rules as live acts and answers the project as it stands.
/// </summary>
/// <param name="Continues">More of this record follows in another import: lights are brought up to the last act, not to
/// now, and the next import's acts must come after it.</param>
[GenerateSerializer, Immutable, Alias("landflow.ProjectImport")]
public sealed record ProjectImport(
    [property: Id(0)] ImportedRegistration? Registration,
    [property: Id(1)] IReadOnlyList<ImportedAct> Acts,
    [property: Id(2)] bool Continues = false);

/// <summary>The registration of an imported project, by whom (<see cref="Actor"/>) and when it was made.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ImportedRegistration")]
public sealed record ImportedRegistration(
    [property: Id(0)] RegisterProjectCommand Command,
    [property: Id(1)] ActorInfo Actor,
    [property: Id(2)] DateTimeOffset At);

/// <summary>One recorded act: the same call as over HTTP (a step action, <c>submit-document</c> with its
/// <see cref="Document"/> key, or <c>withdraw</c>), by <see cref="Actor"/>, at <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("landflow.ImportedAct")]
public sealed record ImportedAct(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] ActorInfo Actor,
    [property: Id(2)] string Action,
    [property: Id(3)] string? Step = null,
    [property: Id(4)] string? Reason = null,
    [property: Id(5)] string? FactsJson = null,
    [property: Id(6)] string? Document = null);

/// <summary>A movement of a county's pool recorded at the instant it was made, for imported records: a deposit
/// (administrators and the platform), or a project's reservation, consumption or release (the platform, for a project
/// importing its history).</summary>
[GenerateSerializer, Immutable, Alias("landflow.LedgerImport")]
public sealed record LedgerImport(
    [property: Id(0)] string Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] DepositLotCommand? Lot = null,
    [property: Id(3)] string? ReservationId = null,
    [property: Id(4)] string? ProjectCode = null,
    [property: Id(5)] QuotaView? Amount = null);

/// <summary>A one-time task of the whole store (the demo data set): one caller claims it, then marks it done; the claim
/// and the mark are durable, so it runs once per store however many silos start.</summary>
public interface IStoreOnceGrain : IGrainWithStringKey
{
    /// <summary>Whether the task is done (its value when it is), or claimed and since when.</summary>
    Task<OnceState> GetAsync();

    /// <summary>Claims the task for <paramref name="claimant"/>; true only for the first caller ever.</summary>
    Task<bool> ClaimAsync(string claimant);

    Task CompleteAsync(string value);
}

[GenerateSerializer, Immutable, Alias("landflow.OnceState")]
public sealed record OnceState(
    [property: Id(0)] string? Value,
    [property: Id(1)] DateTimeOffset? ClaimedAt);
