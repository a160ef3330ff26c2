using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Workflow.Benchmarks;

/// <summary>A certificate authority of the run's own and the one certificate the silos and the gateway present to each
/// other (mutual TLS, as a deployment runs), written as PEM files into a directory; the settings that name them.</summary>
public static class ClusterCertificateFiles
{
    public static Dictionary<string, string> Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var now = TimeProvider.System.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=landflow-bench-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=landflow-bench", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.Create(ca, now.AddMinutes(-5), now.AddDays(7), RandomNumberGenerator.GetBytes(16));

        var paths = new Dictionary<string, string>
        {
            ["LandFlow:Tls:CertificatePath"] = Path.Combine(directory, "tls.crt"),
            ["LandFlow:Tls:KeyPath"] = Path.Combine(directory, "tls.key"),
            ["LandFlow:Tls:CaPath"] = Path.Combine(directory, "ca.crt"),
        };
        File.WriteAllText(paths["LandFlow:Tls:CertificatePath"], certificate.ExportCertificatePem());
        File.WriteAllText(paths["LandFlow:Tls:KeyPath"], key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(paths["LandFlow:Tls:CaPath"], ca.ExportCertificatePem());
        return paths;
    }
}
