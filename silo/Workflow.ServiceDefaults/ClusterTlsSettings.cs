namespace Workflow.ServiceDefaults;

/// <summary>
/// The "LandFlow:Tls" section: the certificate a silo or cluster gateway proves itself with on the silo and gateway
/// ports, and the authority every peer's certificate must chain to (mutual TLS; docs/clustering.md).
/// </summary>
public sealed class ClusterTlsSettings
{
    public const string SectionName = "Tls";

    /// <summary>False turns the cluster-mode requirement off: only where nothing else reaches the silo ports.
    /// Unset means "required whenever the process is a cluster member" (<see cref="IsRequired"/>).</summary>
    public bool? Required { get; set; }

    /// <summary>This process's certificate: a PEM file (with <see cref="KeyPath"/>) or a PKCS#12 file
    /// (<c>.pfx</c>/<c>.p12</c>, with <see cref="CertificatePassword"/> if it has one).</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The PEM private key of <see cref="CertificatePath"/>; unset for a PKCS#12 file.</summary>
    public string KeyPath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";

    /// <summary>PEM file of the certificate authorities a peer's certificate must chain to; during a CA rollover it
    /// holds the old and the new one.</summary>
    public string CaPath { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CaPath);

    /// <summary>Required for a process whose silo ports others reach (cluster mode, or PostgreSQL membership, where
    /// silos listen on every interface); an embedded silo and its in-process client stay on loopback.</summary>
    public static bool IsRequired(LandFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Tls.Required ?? (!options.IsEmbedded || options.UsesPostgresClustering);
    }
}
