using Orleans.Configuration;
using Workflow.ServiceDefaults;

namespace Workflow.Hosting;

/// <summary>
/// The "LandFlow:Membership" section: how soon silos declare a lost silo dead (Orleans'
/// <see cref="ClusterMembershipOptions"/>). Our defaults detect a killed silo in about two seconds instead of
/// Orleans' twelve; docs/clustering.md has the measurements. Unset ones keep Orleans' defaults.
/// </summary>
public sealed class MembershipSettings
{
    public const string SectionName = LandFlowOptions.SectionName + ":Membership";

    /// <summary>How long a silo waits for a probe's answer (Orleans: 5 s).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes after which a silo votes another dead (Orleans: 3).</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>The longest a probe's timeout grows to; a hung silo whose connection stays open is declared
    /// dead after about <c>MaxProbeTimeout × NumMissedProbesLimit</c> (Orleans: 4 × <see cref="ProbeTimeout"/>).</summary>
    public TimeSpan? MaxProbeTimeout { get; set; }

    /// <summary>Votes that declare a silo dead (Orleans: 2; with two silos one is enough).</summary>
    public int? NumVotesForDeathDeclaration { get; set; }

    /// <summary>How long dead silos' rows stay in the membership table (Orleans: 7 days).</summary>
    public TimeSpan? DefunctSiloExpiration { get; set; }

    public void ApplyTo(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequirePositive(ProbeTimeout, nameof(ProbeTimeout));
        RequirePositive(NumMissedProbesLimit, nameof(NumMissedProbesLimit));
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        if (MaxProbeTimeout is { } maxProbeTimeout)
        {
            RequirePositive(maxProbeTimeout, nameof(MaxProbeTimeout));
            options.MaxProbeTimeout = maxProbeTimeout;
        }

        if (NumVotesForDeathDeclaration is { } votes)
        {
            RequirePositive(votes, nameof(NumVotesForDeathDeclaration));
            options.NumVotesForDeathDeclaration = votes;
        }

        if (DefunctSiloExpiration is { } expiration)
        {
            RequirePositive(expiration, nameof(DefunctSiloExpiration));
            options.DefunctSiloExpiration = expiration;
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{LandFlowOptions.SectionName}:Membership:{name} must be positive; it is {value}.");
        }
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
        {
            throw new InvalidOperationException($"{LandFlowOptions.SectionName}:Membership:{name} must be at least 1; it is {value}.");
        }
    }
}
