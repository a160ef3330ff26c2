using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Embedded;

namespace Workflow.Api.Contract.Tests;

/// <summary>
/// The embedded host (README's first command) in-process on Kestrel at a free loopback port, on a fresh data
/// directory, with the development routes. Rate limits are small so a test can meet one (docs/api.md "Rate limits"):
/// other tests spread their calls over several demo users.
/// </summary>
public sealed class ContractHost : IAsyncLifetime
{
    /// <summary>Reads a user may make at once; the 429 test spends them, the walk stays below them per user.</summary>
    public const int ReadBurst = 40;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("landflow-contract-").FullName;
    private Factory? _factory;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["LandFlow:DataDirectory"] = _dataDirectory,
            ["LandFlow:Demo:Enabled"] = "false",
            ["LandFlow:RateLimits:ReadBurst"] = ReadBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LandFlow:RateLimits:ReadsPerSecond"] = "1",
            ["LandFlow:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LandFlow:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _factory = new Factory(settings);
        _factory.UseKestrel();
        await Task.Run(_factory.StartServer);
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new UriBuilder(addresses.Addresses.First()) { Host = "127.0.0.1" }.Uri;
    }

    /// <summary>A client of <paramref name="baseAddress"/> (this host, or a proxy in front of it) as a demo user, with a
    /// token from <c>POST /api/dev/token</c> of this host.</summary>
    public async Task<HttpClient> ClientAsAsync(string user, Uri baseAddress)
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        using var response = await anonymous.PostAsJsonAsync("/api/dev/token", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The document as served to a client that reached the host at the README's address, http://127.0.0.1:5000
    /// (the server URL is the address the request reached, so the published copy names that one).</summary>
    public async Task<string> FetchDocumentAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "127.0.0.1:5000";
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task DisposeAsync()
    {
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

    public static int FreePort()
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
