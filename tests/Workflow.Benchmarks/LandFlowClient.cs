using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Workflow.Benchmarks;

/// <summary>Talks to a LandFlow gateway as the demo users do: a bearer token each from <c>POST /api/dev/token</c>,
/// many pooled connections, bodies read to the end but parsed only when something went wrong.</summary>
public sealed class LandFlowClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly Dictionary<string, AuthenticationHeaderValue> tokens;

    private LandFlowClient(HttpClient http, Dictionary<string, AuthenticationHeaderValue> tokens)
    {
        Http = http;
        this.tokens = tokens;
    }

    public HttpClient Http { get; }

    public static async Task<LandFlowClient> ConnectAsync(Uri baseAddress, int connections)
    {
        var http = HttpLoad.CreateClient(baseAddress, connections);
        var tokens = new Dictionary<string, AuthenticationHeaderValue>(StringComparer.Ordinal);
        foreach (var user in LalScript.Users)
        {
            using var response = await http.PostAsync("/api/dev/token", new StringContent($$"""{"user":"{{user}}"}""", Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"No token for {user}: {(int)response.StatusCode} {text}");
            }

            tokens[user] = new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(text).RootElement.GetProperty("token").GetString());
        }

        return new LandFlowClient(http, tokens);
    }

    /// <summary>Null when the gateway answered <paramref name="expected"/>; otherwise what it answered.</summary>
    public async Task<string?> PostAsync(string user, string path, string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Json) };
        request.Headers.Authorization = tokens[user];
        return await SendAsync(request, expected);
    }

    public async Task<string?> GetAsync(string user, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = tokens[user];
        return await SendAsync(request, HttpStatusCode.OK);
    }

    public Task<string?> ActAsync(string code, LalAct act) => PostAsync(act.User, act.Path(code), act.JsonBody);

    /// <summary>Registers under a code of the benchmark's own (so a repeat is safe): only an administrator names a code.</summary>
    public Task<string?> RegisterAsync(string code, string county) =>
        PostAsync("admin", "/api/projects", LalScript.Registration(code, county), HttpStatusCode.Created);

    public async Task DepositAsync(string county, string lotId)
    {
        var body = $$"""{"lotId":"{{lotId}}","source":"benchmark pool {{lotId}}","areaMu":5000000,"paddyMu":2000000,"grade":7,"certifiedOn":"2025-06-30"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/quota/{county}/lots") { Content = new StringContent(body, Json) };
        request.Headers.Authorization = tokens["admin"];
        using var response = await Http.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"Deposit in {county} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task AdvanceClockAsync(string duration)
    {
        using var response = await Http.PostAsync("/api/dev/clock", new StringContent($$"""{"advance":"{{duration}}"}""", Json));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The clock did not move: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => Http.Dispose();

    private async Task<string?> SendAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        try
        {
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode == expected)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync();
            return $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"{request.Method} {request.RequestUri} failed: {ex.Message}";
        }
    }
}

/// <summary>Project codes for this run: unique per county, in a month and department chosen by the run's salt, so
/// runs against a long-lived target do not collide.</summary>
public sealed class ProjectCodes(int salt)
{
    public static readonly IReadOnlyList<string> Huzhou = ["330502", "330503", "330521", "330522", "330523"];

    private readonly Dictionary<string, int> next = [];
    private readonly Lock gate = new();

    public string Next(string county)
    {
        int serial;
        lock (gate)
        {
            serial = next.GetValueOrDefault(county);
            next[county] = serial + 1;
        }

        var department = (10 + ((salt + serial / 100_000) % 90)).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        return Workflow.Domain.ProjectCode.Create(new DateOnly(2026, 1 + salt % 12, 1), county, department, "01", serial % 100_000).Value;
    }
}
