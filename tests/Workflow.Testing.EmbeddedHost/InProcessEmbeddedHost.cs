using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Embedded;

namespace Workflow.Testing.EmbeddedHost;

/// <summary>
/// The embedded host (README's first command) in-process on Kestrel at a free loopback port, on a fresh data directory
/// removed on dispose, with the development routes and without the demo data; callers reach it over real HTTP.
/// </summary>
public sealed class InProcessEmbeddedHost : IAsyncDisposable
{
    private readonly string dataDirectory;
    private readonly Factory factory;

    private InProcessEmbeddedHost(string dataDirectory, Factory factory, Uri baseAddress)
    {
        this.dataDirectory = dataDirectory;
        this.factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="settings">Settings on top of the host's own (they win over the defaults given here).</param>
    public static async Task<InProcessEmbeddedHost> StartAsync(string name, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory($"landflow-{name}-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LandFlow:DataDirectory"] = dataDirectory,
            ["LandFlow:Demo:Enabled"] = "false",
            ["LandFlow:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new Factory(all);
        factory.UseKestrel();
        // StartServer blocks until the host has started; keep it off the test's synchronization context.
        await Task.Run(factory.StartServer);
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new InProcessEmbeddedHost(dataDirectory, factory, new UriBuilder(addresses.Addresses.First()) { Host = "127.0.0.1" }.Uri);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // WebApplicationFactory finds the entry point through a public type of the host's assembly.
    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<DevEndpoints>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // As command-line arguments, so Program sees them while it registers services.
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
