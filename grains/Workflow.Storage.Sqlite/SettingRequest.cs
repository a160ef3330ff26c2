namespace Workflow.Storage.Sqlite;

/// <summary>A settings write; it goes through the writer like commits, so there is only ever one writer.</summary>
internal sealed class SettingRequest(string key, string value, CancellationToken cancellationToken)
    : WriteRequest(cancellationToken)
{
    public override void Apply(WriterStatements statements) => statements.SetSetting(key, value);
}
