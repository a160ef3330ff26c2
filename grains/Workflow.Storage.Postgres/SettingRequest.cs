namespace Workflow.Storage.Postgres;

/// <summary>A settings write; it goes through the writer like commits and shares their transactions.</summary>
internal sealed class SettingRequest(string key, string value, CancellationToken cancellationToken)
    : WriteRequest(cancellationToken)
{
    public override LockKey LockKey { get; } = new(LockKey.Settings, key);

    public override void AppendTo(WriteBatch batch) => batch.Rows.SetSetting(key, value);
}
