namespace Workflow.Contracts;

/// <summary>
/// A grain call failed with an exception Orleans cannot carry to the caller (a database provider's own type, or
/// one holding such an exception): its type and message travel instead. A fault of the code or the data, answered
/// 500.
/// </summary>
[GenerateSerializer, Alias("landflow.GrainFaultException")]
public sealed class GrainFaultException : Exception
{
    public GrainFaultException(string faultType, string message)
        : base($"{faultType}: {message}") => FaultType = faultType;

    /// <summary>The full name of the exception the grain raised.</summary>
    [Id(0)]
    public string FaultType { get; private set; }
}
