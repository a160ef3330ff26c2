using Orleans.Connections.Security;

using Workflow.ServiceDefaults;

namespace Workflow.ClusterSecurity;

/// <summary>
/// Mutual TLS on the silo port (silo to silo) and the gateway port (client to silo): both ends present a certificate
/// and refuse one that does not chain to the deployment's authority (<see cref="ClusterCertificates"/>). Required for
/// cluster members (<see cref="ClusterTlsSettings.IsRequired"/>); a cluster member without it refuses to start.
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UseLandFlowTls(this ISiloBuilder silo, LandFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (Resolve(options, "silo") is { } certificates)
        {
            silo.UseTls(certificates.Certificate, tls =>
            {
                Require(tls, certificates);
                // Orleans asks a client on the gateway port for a certificate but admits one without unless told.
                tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            });
        }

        return silo;
    }

    public static IClientBuilder UseLandFlowTls(this IClientBuilder client, LandFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Resolve(options, "gateway") is { } certificates)
        {
            client.UseTls(certificates.Certificate, tls => Require(tls, certificates));
        }

        return client;
    }

    private static void Require(TlsOptions tls, ClusterCertificates certificates)
    {
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = certificates.Validate;
    }

    /// <summary>The certificates to use, or null when TLS is neither configured nor required.</summary>
    private static ClusterCertificates? Resolve(LandFlowOptions options, string process)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tls.IsConfigured)
        {
            return ClusterCertificates.Load(options.Tls);
        }

        if (ClusterTlsSettings.IsRequired(options))
        {
            var prefix = $"{LandFlowOptions.SectionName}:{ClusterTlsSettings.SectionName}";
            throw new InvalidOperationException(
                $"A cluster {process} talks to silos over mutual TLS: set {prefix}:CertificatePath, {prefix}:KeyPath and {prefix}:CaPath " +
                $"(docs/clustering.md, \"TLS: a closed cluster\"), or {prefix}:Required=false where nothing but LandFlow can reach the silo ports.");
        }

        return null;
    }
}
