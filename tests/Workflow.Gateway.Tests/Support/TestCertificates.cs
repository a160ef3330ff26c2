using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>
/// A certificate authority of the test's own and a certificate it signed for server and client authentication,
/// written as PEM files the way a deployment mounts them (tls.crt, tls.key, ca.crt). <see cref="Cluster"/> is the
/// one every cluster-mode test silo and gateway shares; <see cref="Create"/> makes another, unrelated authority.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> Shared = new(() => Create("landflow-test"));

    private TestCertificates(string directory) => Directory = directory;

    public static TestCertificates Cluster => Shared.Value;

    public string Directory { get; }

    public string CertificatePath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    public string CaPath => Path.Combine(Directory, "ca.crt");

    /// <summary>The settings that make a silo or gateway use these certificates.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        [LandFlowSettings.TlsCertificatePath] = CertificatePath,
        [LandFlowSettings.TlsKeyPath] = KeyPath,
        [LandFlowSettings.TlsCaPath] = CaPath,
    };

    /// <summary>A new authority named <paramref name="name"/> and a leaf it signed, in a new temporary directory.</summary>
    public static TestCertificates Create(string name)
    {
        var now = TimeProvider.System.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name}-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={name}", leafKey, HashAlgorithmName.SHA256);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        leafRequest.CertificateExtensions.Add(names.Build());
        using var leaf = leafRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var certificates = new TestCertificates(System.IO.Directory.CreateTempSubdirectory("landflow-tls-tests-").FullName);
        File.WriteAllText(certificates.CaPath, ca.ExportCertificatePem());
        File.WriteAllText(certificates.CertificatePath, leaf.ExportCertificatePem());
        File.WriteAllText(certificates.KeyPath, leafKey.ExportPkcs8PrivateKeyPem());
        return certificates;
    }
}
