using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Api.Contract.Tests;

/// <summary>The embedded host with Prism's validating proxy in front of it, checking against the document the host serves.</summary>
public sealed class ContractProxy : IAsyncLifetime
{
    private readonly string _documentFile = Path.Combine(Path.GetTempPath(), $"landflow-openapi-{Guid.NewGuid():N}.json");
    private readonly Dictionary<string, HttpClient> _clients = [];
    private PrismProxy? _prism;

    public ContractHost Host { get; } = new();

    public PrismProxy Prism => _prism ?? throw new InvalidOperationException("Not started.");

    /// <summary>The served document, parsed: the tests look up each operation's documented rules in it.</summary>
    public JsonElement Document { get; private set; }

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        var served = await Host.FetchDocumentAsync();
        await File.WriteAllTextAsync(_documentFile, served);
        Document = JsonDocument.Parse(served).RootElement.Clone();
        _prism = await PrismProxy.StartAsync(_documentFile, Host.BaseAddress);
    }

    /// <summary>A client that calls through Prism as <paramref name="user"/>, or anonymously when null.</summary>
    public async Task<HttpClient> ThroughPrismAsync(string? user)
    {
        var key = user ?? "";
        if (!_clients.TryGetValue(key, out var client))
        {
            client = user is null ? new HttpClient { BaseAddress = Prism.Address } : await Host.ClientAsAsync(user, Prism.Address);
            _clients[key] = client;
        }

        return client;
    }

    /// <summary>A client that calls the host directly, for requests the document itself forbids (Prism would refuse them).</summary>
    public Task<HttpClient> DirectAsync(string user) => Host.ClientAsAsync(user, Host.BaseAddress);

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        if (_prism is not null)
        {
            await _prism.DisposeAsync();
        }

        await Host.DisposeAsync();
        File.Delete(_documentFile);
    }
}

/// <summary>An answer that passed through Prism: its status, body and headers.</summary>
public sealed record Answer(HttpStatusCode Status, JsonNode? Body, string Text, HttpResponseMessage Response)
{
    public string? Rule => Member("rule");

    /// <summary>A string member of an object body; null for another body.</summary>
    public string? Member(string name) => Body is JsonObject body ? body[name]?.GetValue<string>() : null;

    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0 && text[0] is '{' or '[')
        {
            body = JsonNode.Parse(text);
        }

        return new Answer(response.StatusCode, body, text, response);
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
