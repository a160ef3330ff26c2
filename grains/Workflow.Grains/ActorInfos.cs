using Workflow.Contracts;
using Workflow.Domain;

namespace Workflow.Grains;

/// <summary>The caller as the domain sees it, and the platform's own callers of other grains.</summary>
public static class ActorInfos
{
    public static ActorInfo System { get; } = new(Actor.System.Id, Roles.System);

    public static Actor ToDomain(this ActorInfo actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(actor.Id, actor.Role, actor.Uscc, actor.Department, actor.County);
    }

    /// <summary>The caller as grains are told of it: the way back from <see cref="ToDomain"/>.</summary>
    public static ActorInfo FromDomain(this Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(actor.Id, actor.Role, actor.Uscc, actor.Department, actor.County);
    }

    /// <summary>A project drawing on the quota ledgers: the platform, named after the project in the ledgers' log.</summary>
    public static ActorInfo ForProject(string projectCode) => new(QuotaLedgerCommits.ProjectActor(projectCode), Roles.System);

    /// <summary>A transfer moving quota between two pools.</summary>
    public static ActorInfo ForTransfer(string transferId) => new(QuotaStreams.Transfer(transferId), Roles.System);
}
