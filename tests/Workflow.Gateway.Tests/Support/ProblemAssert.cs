using System.Net;
using System.Text.Json;

namespace Workflow.Gateway.Tests;

/// <summary>Checks that a response is an RFC 7807 problem with the members our API contract promises.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        foreach (var member in new[] { "type", "title", "detail" })
        {
            Assert.True(
                body.TryGetProperty(member, out var value) && !string.IsNullOrWhiteSpace(value.GetString()),
                $"The problem has no '{member}': {text}");
        }

        return body;
    }

    public static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;
}
