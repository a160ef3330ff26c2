namespace Workflow.Demo;

/// <summary>Who may be issued a token. Embedded mode knows only the demo users.</summary>
public interface IUserDirectory
{
    IReadOnlyList<DemoUser> All { get; }

    DemoUser? Find(string id);
}
