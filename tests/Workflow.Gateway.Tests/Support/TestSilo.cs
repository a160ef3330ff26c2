using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>A LandFlow silo in its own host (as the silo process runs it), for gateways in cluster mode.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost host;

    private TestSilo(IHost host, int gatewayPort, string dataDirectory)
    {
        this.host = host;
        GatewayPort = gatewayPort;
        DataDirectory = dataDirectory;
    }

    public int GatewayPort { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => host.Services;

    public static async Task<TestSilo> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("landflow-silo-tests-").FullName;
        var gatewayPort = FreePorts.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LandFlow:Mode"] = "cluster",
            ["LandFlow:DataDirectory"] = dataDirectory,
            ["LandFlow:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (extraSettings is not null)
        {
            builder.Configuration.AddInMemoryCollection(extraSettings);
        }

        builder.AddLandFlowSilo();
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, gatewayPort, dataDirectory);
    }

    /// <summary>Gateway settings for cluster mode against this silo.</summary>
    public Dictionary<string, string?> ClusterSettings(string signingKey) => new()
    {
        ["LandFlow:Mode"] = "cluster",
        ["LandFlow:GatewayPort"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LandFlow:Auth:SigningKey"] = signingKey,
    };

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
