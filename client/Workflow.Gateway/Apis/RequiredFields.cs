namespace Workflow.Gateway;

/// <summary>Collects the fields a request body is missing, by their JSON names.</summary>
public sealed class RequiredFields
{
    public Dictionary<string, string[]> Errors { get; } = [];

    public RequiredFields Require(object? value, string field, string message = "Required.")
    {
        if (value is null || (value is string text && string.IsNullOrWhiteSpace(text)))
        {
            Errors[field] = [message];
        }

        return this;
    }

    public RequiredFields Check(bool valid, string field, string message)
    {
        if (!valid)
        {
            Errors[field] = [message];
        }

        return this;
    }
}
