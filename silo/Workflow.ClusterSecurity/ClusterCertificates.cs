using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Workflow.ServiceDefaults;

namespace Workflow.ClusterSecurity;

/// <summary>
/// This process's certificate and the authorities its peers' certificates must chain to. A peer is admitted when
/// its certificate chains to one of <see cref="Authorities"/> and is within its validity period; its host name is
/// not checked (silos are reached by pod IPs that change), so the authority must issue certificates for LandFlow's
/// silos and gateways only.
/// </summary>
public sealed class ClusterCertificates
{
    private ClusterCertificates(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2Collection Authorities { get; }

    /// <summary>Reads the files <paramref name="settings"/> names and checks that the certificate has its private
    /// key and chains to the authorities, so a wrong file stops the start instead of every connection.</summary>
    public static ClusterCertificates Load(ClusterTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var prefix = $"{LandFlowOptions.SectionName}:{ClusterTlsSettings.SectionName}";
        if (string.IsNullOrWhiteSpace(settings.CertificatePath) || string.IsNullOrWhiteSpace(settings.CaPath))
        {
            throw new InvalidOperationException(
                $"{prefix}:CertificatePath and {prefix}:CaPath are both needed for TLS between silos and gateways (docs/clustering.md).");
        }

        var certificate = LoadCertificate(settings, prefix);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(RequireFile(settings.CaPath, $"{prefix}:CaPath"));
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException($"{prefix}:CaPath ({settings.CaPath}) holds no readable PEM certificate: {exception.Message}", exception);
        }

        if (authorities.Count == 0)
        {
            throw new InvalidOperationException($"{prefix}:CaPath ({settings.CaPath}) holds no PEM certificate.");
        }

        var loaded = new ClusterCertificates(certificate, authorities);
        if (!loaded.IsTrusted(certificate, presentedChain: null))
        {
            throw new InvalidOperationException(
                $"The certificate in {prefix}:CertificatePath ({certificate.Subject}, valid {certificate.NotBefore:u} to {certificate.NotAfter:u}) " +
                $"is not signed by a certificate authority in {prefix}:CaPath, or is not valid now: peers would refuse it.");
        }

        return loaded;
    }

    /// <summary>Orleans' remote-certificate check, on both ends of every silo and gateway connection.</summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? presentedChain, SslPolicyErrors policyErrors) =>
        (policyErrors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0 && IsTrusted(certificate, presentedChain);

    private bool IsTrusted(X509Certificate2 certificate, X509Chain? presentedChain)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        // A private authority publishes no revocation lists; rotation replaces certificates instead (docs/clustering.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            // Intermediates the peer sent, so a leaf signed by an intermediate of the authority chains too.
            foreach (var element in presentedChain.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(certificate);
    }

    private static X509Certificate2 LoadCertificate(ClusterTlsSettings settings, string prefix)
    {
        var path = RequireFile(settings.CertificatePath, $"{prefix}:CertificatePath");
        try
        {
            var isPkcs12 = path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
            var certificate = isPkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(settings.CertificatePassword) ? null : settings.CertificatePassword)
                : X509Certificate2.CreateFromPemFile(path, RequireFile(settings.KeyPath, $"{prefix}:KeyPath"));
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"{prefix}:CertificatePath ({path}) has no private key.");
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException($"The certificate in {prefix}:CertificatePath ({path}) could not be read: {exception.Message}", exception);
        }
    }

    private static string RequireFile(string path, string setting) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new InvalidOperationException($"{setting} is required for TLS between silos and gateways.")
            : File.Exists(path) ? path : throw new InvalidOperationException($"{setting} names {path}, which does not exist.");
}
