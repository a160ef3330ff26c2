using Orleans.Concurrency;
using Workflow.Contracts;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Grains;

/// <summary>Runs the store's history verifier for administrators. Stateless, so every silo answers locally.</summary>
[StatelessWorker]
public sealed class HistoryAuditGrain(IHistoryVerifier verifier) : Grain, IHistoryAuditGrain
{
    public const int MaxStreamsPerCall = 1000;

    public async Task<HistoryAuditReply> VerifyProjectAsync(string code, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Refuse(actor) is { } refused)
        {
            return refused;
        }

        var result = await verifier.VerifyStreamAsync(ProjectStreams.For(code));
        if (result.Events == 0 && result.Break is null)
        {
            return new HistoryAuditReply(null, Refusal.NotFound($"Project '{code}' has no history."));
        }

        return new HistoryAuditReply(new HistoryAuditView(
            1, result.Events, 1, 1, result.Break is { } broken ? [View(broken)] : [], result.HeadHash, null));
    }

    public async Task<HistoryAuditReply> VerifyAllAsync(string? after, int limit, ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Refuse(actor) is { } refused)
        {
            return refused;
        }

        var page = await verifier.VerifyStreamsAsync(string.IsNullOrEmpty(after) ? null : after, Math.Clamp(limit, 1, MaxStreamsPerCall));
        return new HistoryAuditReply(new HistoryAuditView(
            page.Streams.Count,
            page.Streams.Sum(s => s.Events),
            page.StreamsDone,
            page.StreamsTotal,
            [.. page.Streams.Where(s => s.Break is not null).Select(s => View(s.Break!))],
            null,
            page.Next));
    }

    // The check is here, behind the grain interface, not in the gateway.
    private static HistoryAuditReply? Refuse(ActorInfo actor) =>
        actor.Role == Roles.Admin
            ? null
            : new HistoryAuditReply(null, Refusal.RoleForbidden("Only administrators verify the history."));

    private static HistoryBreakView View(HistoryBreak broken) =>
        new(broken.StreamId, ProjectStreams.CodeOf(broken.StreamId), broken.Seq, KindName(broken.Kind), broken.Detail);

    private static string KindName(HistoryBreakKind kind) => kind switch
    {
        HistoryBreakKind.Changed => "changed",
        HistoryBreakKind.Removed => "removed",
        _ => "brokenLink",
    };
}
