using Orleans.Concurrency;

namespace Workflow.Contracts;

/// <summary>One campaign (双月攻坚), keyed by its id: a scope (projects, or steps of a procedure in some counties), a window
/// and a target. Its stream is <c>campaign/{id}</c> (<c>campaign-opened</c>); its progress is read from the analytics read
/// model each time it is asked for.</summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Leaders and administrators; repeating the same terms answers the campaign as it is.</summary>
    Task<CampaignReply> OpenAsync(OpenCampaignCommand command, ActorInfo actor);

    /// <summary>The campaign with its week-by-week progress. Interleaves: the registry reads campaigns while one of them,
    /// being opened, waits on the registry to list it.</summary>
    [AlwaysInterleave]
    Task<CampaignReply> GetAsync(ActorInfo actor);
}

/// <summary>The list of campaigns (a registry stream <c>registry/campaigns</c>), scoped by the caller.</summary>
public interface ICampaignRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The campaigns the caller may read, each with its overall verdict now.</summary>
    Task<CampaignListReply> ListAsync(ActorInfo actor);

    /// <summary>Called by a campaign once it is durable; idempotent by id.</summary>
    Task AddAsync(CampaignSummary summary);
}

/// <summary>What to open: either <see cref="Projects"/>, or <see cref="Procedure"/> with <see cref="Steps"/> (and optionally
/// <see cref="Counties"/>); either <see cref="TargetCompletions"/> or <see cref="TargetOnTimeRate"/>.</summary>
[GenerateSerializer, Immutable, Alias("landflow.OpenCampaignCommand")]
public sealed record OpenCampaignCommand(
    [property: Id(0)] string Title,
    [property: Id(1)] DateOnly First,
    [property: Id(2)] DateOnly Last,
    [property: Id(3)] IReadOnlyList<string> Projects,
    [property: Id(4)] string? Procedure,
    [property: Id(5)] IReadOnlyList<string> Steps,
    [property: Id(6)] IReadOnlyList<string> Counties,
    [property: Id(7)] int? TargetCompletions,
    [property: Id(8)] double? TargetOnTimeRate);

[GenerateSerializer, Immutable, Alias("landflow.CampaignWeekView")]
public sealed record CampaignWeekView(
    [property: Id(0)] string Week,
    [property: Id(1)] DateOnly First,
    [property: Id(2)] DateOnly Last,
    [property: Id(3)] long Completions,
    [property: Id(4)] long Cumulative,
    [property: Id(5)] double? OnTimeRate,
    [property: Id(6)] double? CumulativeOnTimeRate,
    [property: Id(7)] double TargetLine,
    [property: Id(8)] string Verdict);

[GenerateSerializer, Immutable, Alias("landflow.CampaignView")]
public sealed record CampaignView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly First,
    [property: Id(3)] DateOnly Last,
    [property: Id(4)] IReadOnlyList<string> Projects,
    [property: Id(5)] string? Procedure,
    [property: Id(6)] IReadOnlyList<string> Steps,
    [property: Id(7)] IReadOnlyList<string> Counties,
    [property: Id(8)] int? TargetCompletions,
    [property: Id(9)] double? TargetOnTimeRate,
    [property: Id(10)] string OpenedBy,
    [property: Id(11)] DateTimeOffset OpenedAt,
    [property: Id(12)] long Completions,
    [property: Id(13)] double? OnTimeRate,
    [property: Id(14)] string Verdict,
    [property: Id(15)] IReadOnlyList<CampaignWeekView> Weeks,
    [property: Id(16)] DateTimeOffset AsOf);

[GenerateSerializer, Immutable, Alias("landflow.CampaignReply")]
public sealed record CampaignReply([property: Id(0)] CampaignView? Campaign, [property: Id(1)] Refusal? Refusal);

/// <summary>A campaign in the list; <see cref="Verdict"/> and <see cref="Completions"/> as of the list's reading.</summary>
[GenerateSerializer, Immutable, Alias("landflow.CampaignSummary")]
public sealed record CampaignSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DateOnly First,
    [property: Id(3)] DateOnly Last,
    [property: Id(4)] IReadOnlyList<string> Counties,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] string? Verdict,
    [property: Id(7)] long? Completions);

/// <summary><see cref="AsOf"/>: the workflow clock's now when the verdicts were read (a page's default window starts there).</summary>
[GenerateSerializer, Immutable, Alias("landflow.CampaignListReply")]
public sealed record CampaignListReply(
    [property: Id(0)] IReadOnlyList<CampaignSummary>? Campaigns,
    [property: Id(1)] Refusal? Refusal,
    [property: Id(2)] DateTimeOffset AsOf = default);
