using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.Cluster.Tests;

/// <summary>The cluster's HTTP gateway, called as the demo users with tokens from its dev token route; every exchange
/// is timed with <see cref="Stopwatch.GetTimestamp"/> and returned whole, failures included.</summary>
internal sealed class GatewayApi : IDisposable
{
    /// <summary>Longer than the gateway's own retry budget and client response timeout together.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly Uri _gateway;
    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly Dictionary<string, string> _tokens = [];

    private GatewayApi(Uri gateway)
    {
        _gateway = gateway;
    }

    public static async Task<GatewayApi> ConnectAsync(Uri gateway, IEnumerable<string> users)
    {
        var api = new GatewayApi(gateway);
        using var anonymous = new HttpClient { BaseAddress = gateway, Timeout = RequestTimeout };
        foreach (var user in users)
        {
            using var response = await anonymous.PostAsJsonAsync("/api/dev/token", new { user });
            response.EnsureSuccessStatusCode();
            var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
            var client = new HttpClient { BaseAddress = gateway, Timeout = RequestTimeout };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            api._clients[user] = client;
            api._tokens[user] = token;
        }

        return api;
    }

    public Task<GatewayAnswer> GetAsync(string user, string path) => SendAsync(user, HttpMethod.Get, path, null);

    public Task<GatewayAnswer> PostAsync(string user, string path, JsonNode? body) => SendAsync(user, HttpMethod.Post, path, body);

    /// <summary>A read, repeated while the gateway answers 503: for the checks after the load, once the cluster is whole.</summary>
    public async Task<JsonNode> ReadAsync(string user, string path)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 60);
        while (true)
        {
            var answer = await GetAsync(user, path);
            if (answer.Succeeded)
            {
                return answer.Body!;
            }

            if (!answer.IsServiceUnavailable || Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"Reading {path} failed: {answer}");
            }

            await Task.Delay(answer.RetryAfter ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>A project's whole history, read a page at a time (the route answers one page; its next continues).</summary>
    public async Task<JsonArray> ReadHistoryAsync(string user, string code)
    {
        var items = new JsonArray();
        string? after = null;
        do
        {
            var page = await ReadAsync(user, $"/api/projects/{code}/history?limit=500{after}");
            foreach (var item in page["items"]!.AsArray().ToList())
            {
                items.Add(item!.DeepClone());
            }

            after = page["next"] is { } next ? $"&after={next.GetValue<long>()}" : null;
        }
        while (after is not null);

        return items;
    }

    /// <summary>A client of its own for a long-lived response (server-sent events): no overall timeout, the caller ends it.</summary>
    public HttpClient StreamingClient(string user)
    {
        var client = new HttpClient { BaseAddress = _gateway, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _tokens[user]);
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private async Task<GatewayAnswer> SendAsync(string user, HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(_gateway, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _clients[user].SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonNode? json = null;
            try
            {
                json = text.Length > 0 ? JsonNode.Parse(text) : null;
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON: kept as null, the status says what happened.
            }

            return new GatewayAnswer(method.Method, path, response.StatusCode, json, response.Headers.RetryAfter?.Delta, null, started, Stopwatch.GetTimestamp());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new GatewayAnswer(method.Method, path, null, null, null, $"{exception.GetType().Name}: {exception.Message}", started, Stopwatch.GetTimestamp());
        }
    }
}
