using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Testing.EmbeddedHost;

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

    private InProcessEmbeddedHost? _host;

    public Uri BaseAddress => (_host ?? throw new InvalidOperationException("The host is not started.")).BaseAddress;

    public async Task InitializeAsync() => _host = await InProcessEmbeddedHost.StartAsync("contract", new Dictionary<string, string?>
    {
        ["LandFlow:RateLimits:ReadBurst"] = ReadBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LandFlow:RateLimits:ReadsPerSecond"] = "1",
    });

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
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public static int FreePort() => InProcessEmbeddedHost.FreePort();
}
