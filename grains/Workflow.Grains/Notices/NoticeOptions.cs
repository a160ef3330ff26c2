namespace Workflow.Grains;

/// <summary><c>LandFlow:Notices</c>: how often a silo with inboxes waiting looks for new notices.</summary>
public sealed class NoticeOptions
{
    /// <summary>How often each silo's <see cref="NoticeWatcher"/> reads the newest notice id while anyone waits.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
