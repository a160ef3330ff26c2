namespace Workflow.Gateway;

/// <summary>A token signed and valid, whose claims do not name one LandFlow user in one role; the message says why, for the 401.</summary>
public sealed class UnusableTokenClaimsException(string message) : Exception(message);
