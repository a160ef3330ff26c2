using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Workflow.Gateway;

/// <summary>Reads a body that may be absent (step actions take an optional one).</summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadOptionalAsync<T>(HttpContext http)
        where T : class
    {
        if (http.Request.ContentLength == 0 || (http.Request.ContentLength is null && !http.Request.Headers.TransferEncoding.Any()))
        {
            return (null, null);
        }

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            if (buffer.Length == 0)
            {
                return (null, null);
            }

            buffer.Position = 0;
            return (await JsonSerializer.DeserializeAsync<T>(buffer, options, http.RequestAborted), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Rule(StatusCodes.Status400BadRequest, "malformed-json", "Malformed JSON",
                $"The body is not valid JSON: {ex.Message}"));
        }
    }
}
