using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>A LandFlow silo in its own host (as the silo process runs it), for gateways in cluster mode; its silo and
/// gateway ports take mutual TLS with <see cref="TestCertificates.Cluster"/> unless the extra settings say otherwise.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?>? extraSettings;
    private readonly Action<IServiceCollection>? extraServices;
    private IHost? host;

    private TestSilo(
        int siloPort, int gatewayPort, string dataDirectory, IReadOnlyDictionary<string, string?>? extraSettings, Action<IServiceCollection>? extraServices)
    {
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        DataDirectory = dataDirectory;
        this.extraSettings = extraSettings;
        this.extraServices = extraServices;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => (host ?? throw new InvalidOperationException("The silo is stopped.")).Services;

    /// <param name="extraServices">Registrations added after the silo's own, for a test's hooks.</param>
    public static async Task<TestSilo> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null, Action<IServiceCollection>? extraServices = null)
    {
        var silo = new TestSilo(
            FreePorts.Next(), FreePorts.Next(), Directory.CreateTempSubdirectory("landflow-silo-tests-").FullName, extraSettings, extraServices);
        await silo.StartHostAsync();
        return silo;
    }

    /// <summary>Gateway settings for cluster mode against this silo, over TLS with the shared test certificates.</summary>
    public Dictionary<string, string?> ClusterSettings(string signingKey) => new(TestCertificates.Cluster.Settings())
    {
        ["LandFlow:Mode"] = "cluster",
        ["LandFlow:GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LandFlow:Auth:SigningKey"] = signingKey,
    };

    /// <summary>Stops the silo gracefully and keeps its data, so <see cref="StartAgainAsync"/> can bring it back.</summary>
    public async Task StopAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
            host = null;
        }
    }

    /// <summary>A new incarnation of the silo on the same ports and store, as a restarted process would be.</summary>
    public Task StartAgainAsync() => host is null ? StartHostAsync() : throw new InvalidOperationException("The silo is running.");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private async Task StartHostAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LandFlow:Mode"] = "cluster",
            ["LandFlow:DataDirectory"] = DataDirectory,
            ["LandFlow:SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(TestCertificates.Cluster.Settings());
        if (extraSettings is not null)
        {
            builder.Configuration.AddInMemoryCollection(extraSettings);
        }

        builder.AddLandFlowSilo(devClock: builder.Configuration.GetValue<bool?>(LandFlowSettings.DevEndpoints) == true);
        builder.Services.AddDemoData(builder.Configuration);
        StopHostOnFatalError.ReplaceIn(builder.Services);
        extraServices?.Invoke(builder.Services);
        var started = builder.Build();
        await started.StartAsync();
        host = started;
    }
}
