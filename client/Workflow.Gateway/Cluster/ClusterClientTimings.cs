namespace Workflow.Gateway;

/// <summary>How the cluster-mode gateway's Orleans client rides out a lost silo (docs/clustering.md, docs/faults.md).</summary>
public static class ClusterClientTimings
{
    /// <summary>
    /// A call whose silo died with it in flight gets no answer: the client never learns that silo's fate for the
    /// calls it already sent, so they fail only after this long (Orleans' default is 30 s), and the gateway answers
    /// 503. Acts answer in well under a second even at full load (p99 0.33 s in docs/benchmarks), so 5 s never cuts
    /// a slow act short.
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often the client re-reads the gateway list from the membership table (Orleans' default is a
    /// minute): a silo that joins or leaves is seen within this long, even without a broken connection.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);
}
