using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Hosting;

namespace Workflow.Gateway.Tests;

/// <summary>
/// The gateway running in-process on Kestrel at a free loopback port, over real HTTP, with a fresh data
/// directory that is removed on dispose. Use it as an xunit class or collection fixture (embedded mode,
/// defaults), or start one with <see cref="StartAsync"/> for other settings.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly List<HttpClient> _clients = [];
    private GatewayFactory? _factory;
    private HttpClient? _anonymous;

    public GatewayFixture()
        : this(null, null)
    {
    }

    private GatewayFixture(IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configureServices)
    {
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        _configureServices = configureServices;
        DataDirectory = Directory.CreateTempSubdirectory("landflow-gateway-tests-").FullName;
    }

    /// <summary>The fresh <c>LandFlow:DataDirectory</c> of this gateway; it survives <see cref="RestartAsync"/>.</summary>
    public string DataDirectory { get; }

    /// <summary>Where the gateway listens now (a new port after each restart).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public HttpClient AnonymousClient => _anonymous ?? throw NotStarted();

    public IServiceProvider Services => _factory?.Services ?? throw NotStarted();

    /// <summary>Starts a gateway with extra configuration (e.g. <c>LandFlow:Mode</c>) and service overrides.</summary>
    public static async Task<GatewayFixture> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var fixture = new GatewayFixture(settings, configureServices);
        try
        {
            await fixture.StartCoreAsync();
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    public Task InitializeAsync() => StartCoreAsync();

    /// <summary>Stops the gateway and starts it again on the same data directory. Earlier clients are disposed.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartCoreAsync();
    }

    /// <summary>A client of this gateway signed in as the demo user <paramref name="user"/> with a token this gateway issued.</summary>
    public HttpClient CreateClientAs(string user) =>
        CreateClient(Services.GetRequiredService<JwtTokenIssuer>().Issue(DemoCallers.Of(DemoUsers.All.Single(u => u.Id == user))).Token);

    /// <summary>A client of this gateway, sending <paramref name="bearerToken"/> when given. Disposed with the fixture.</summary>
    public HttpClient CreateClient(string? bearerToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>Gets a token for a demo user over HTTP, from <c>POST /api/dev/token</c>.</summary>
    public async Task<string> TokenForAsync(string userId)
    {
        using var response = await AnonymousClient.PostAsJsonAsync("/api/dev/token", new { user = userId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/dev/token for '{userId}' answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()
            ?? throw new InvalidOperationException("The token response has no token.");
    }

    /// <summary>A client that calls as the demo user <paramref name="userId"/>.</summary>
    public async Task<HttpClient> ClientForAsync(string userId) => CreateClient(await TokenForAsync(userId));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private async Task StartCoreAsync()
    {
        var settings = new Dictionary<string, string?>(_settings, StringComparer.OrdinalIgnoreCase)
        {
            ["LandFlow:DataDirectory"] = DataDirectory,
        };
        settings.TryAdd("urls", "http://127.0.0.1:0");

        // Tests make their own data; the demo data set is tested on its own.
        settings.TryAdd("LandFlow:Demo:Enabled", "false");

        // Tests act many times a second as one demo user; the rate limits are tested on their own (RateLimits/).
        settings.TryAdd("LandFlow:RateLimits:Enabled", "false");

        // An embedded silo needs ports of its own: parallel fixtures must not share them.
        settings.TryAdd("LandFlow:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        settings.TryAdd("LandFlow:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var factory = new GatewayFactory(settings, _configureServices);
        _factory = factory;
        factory.UseKestrel();
        // StartServer blocks until the host has started; keep it off the test's synchronization context.
        await Task.Run(factory.StartServer);

        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        // A test that binds every interface still calls over loopback.
        BaseAddress = new UriBuilder(addresses.Addresses.First()) { Host = "127.0.0.1" }.Uri;
        _anonymous = CreateClient();
    }

    private async Task StopAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
        _anonymous = null;
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }
    }

    private static InvalidOperationException NotStarted() => new("The gateway is not running.");
}
