namespace Workflow.Gateway;

/// <summary>
/// The "LandFlow:RateLimits" configuration section: per-user token buckets, one for writes and one for reads.
/// A bucket holds <c>Burst</c> requests and refills at <c>PerSecond</c>; a caller who empties it gets 429.
/// The defaults are far above what a person does and far below what a script can: an officer's desk decides
/// a few acts a minute (20 at once covers a batch of approvals sent together); a leader's dashboard polls a
/// handful of reads every few seconds (100 at once covers a page that opens a list of projects' details). Load
/// tests that drive thousands of requests a second as one demo user turn the limits off (<c>Enabled=false</c>).
/// </summary>
public sealed class LandFlowRateLimitOptions
{
    public const string SectionName = "LandFlow:RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Writes (every method but GET, HEAD and OPTIONS) a second, sustained, per user.</summary>
    public int WritesPerSecond { get; set; } = 2;

    /// <summary>Writes a user may send at once before the sustained rate applies.</summary>
    public int WriteBurst { get; set; } = 20;

    /// <summary>Reads (GET, HEAD, OPTIONS) a second, sustained, per user.</summary>
    public int ReadsPerSecond { get; set; } = 10;

    /// <summary>Reads a user may send at once before the sustained rate applies.</summary>
    public int ReadBurst { get; set; } = 100;
}
