namespace Workflow.Grains;

/// <summary>
/// Who the bureau's staff are, as far as the grains must know: a liaison named on a project must be a known liaison.
/// The silo's identity source registers it; the default knows nobody, so no liaison can be named until one does.
/// </summary>
public interface IStaffRoster
{
    bool IsLiaison(string userId);
}

/// <summary>The roster of a silo that was given none: it knows no liaison.</summary>
public sealed class EmptyStaffRoster : IStaffRoster
{
    public bool IsLiaison(string userId) => false;
}
