using System.Net.Http.Headers;
using Workflow.Api.Client.Tests.Generated;
using Workflow.Testing.EmbeddedHost;
namespace Workflow.Api.Client.Tests;

/// <summary>
/// The embedded host (README's first command) in-process on Kestrel at a free loopback port, on a fresh data directory,
/// with the development routes; the generated client reaches it over real HTTP, as an integrator's would.
/// </summary>
public sealed class ClientHost : IAsyncLifetime
{
    private readonly List<HttpClient> _httpClients = [];
    private InProcessEmbeddedHost? _host;

    public Uri BaseAddress => (_host ?? throw new InvalidOperationException("The host is not started.")).BaseAddress;

    public async Task InitializeAsync() => _host = await InProcessEmbeddedHost.StartAsync("client");

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

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private HttpClient NewHttpClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        _httpClients.Add(client);
        return client;
    }
}
