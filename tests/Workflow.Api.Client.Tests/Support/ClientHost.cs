using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Api.Client.Tests.Generated;
using Workflow.Embedded;

namespace Workflow.Api.Client.Tests;

/// <summary>
/// The embedded host (README's first command) in-process on Kestrel at a free loopback port, on a fresh data directory,
/// with the development routes; the generated client reaches it over real HTTP, as an integrator's would.
/// </summary>
public sealed class ClientHost : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("landflow-client-").FullName;
    private readonly List<HttpClient> _httpClients = [];
    private Factory? _factory;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LandFlow:DataDirectory"] = _dataDirectory,
            ["LandFlow:Demo:Enabled"] = "false",
            ["LandFlow:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _factory = new Factory(settings);
        _factory.UseKestrel();
        await Task.Run(_factory.StartServer);
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new UriBuilder(addresses.Addresses.First()) { Host = "127.0.0.1" }.Uri;
    }

    /// <summary>The generated client without a token (the development routes are anonymous).</summary>
    public LandFlowClient Anonymous() => new(NewHttpClient());

    /// <summary>The generated client as a demo user, with a token it got itself from <c>POST /api/dev/token</c>.</summary>
    public async Task<LandFlowClient> AsAsync(string user)
    {
        var issued = await Anonymous().IssueDevTokenAsync(new TokenRequest { User = user });
        var http = NewHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return new LandFlowClient(http);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _httpClients)
        {
            client.Dispose();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private HttpClient NewHttpClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        _httpClients.Add(client);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
