namespace Workflow.Grains;

/// <summary>
/// Who the bureau's staff are, as far as the grains must know: a liaison named on a project must be a known liaison.
/// By default the silo's configuration lists them (<see cref="ConfiguredStaffRoster"/>); the embedded host's demo
/// registers its own users instead.
/// </summary>
public interface IStaffRoster
{
    bool IsLiaison(string userId);
}

/// <summary>The liaisons named by <c>LandFlow:Staff:Liaisons</c> (user ids, separated by commas), as the identity
/// provider knows them; none when it is unset, so no liaison can be named until the deployment says who they are.</summary>
public sealed class ConfiguredStaffRoster(string? liaisons) : IStaffRoster
{
    public const string LiaisonsSetting = "LandFlow:Staff:Liaisons";

    private readonly HashSet<string> liaisonIds =
        [.. (liaisons ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public bool IsLiaison(string userId) => liaisonIds.Contains(userId);
}
