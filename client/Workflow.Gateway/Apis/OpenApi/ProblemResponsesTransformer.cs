using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Workflow.Gateway;

/// <summary>
/// Documents every error an operation can answer as an <c>application/problem+json</c> body of the one
/// <c>ProblemDetails</c> schema: what every operation shares (401 without a valid token, 400 and 413 for a body
/// that cannot be read, 429 over a rate limit, 500) and what its <see cref="RefusalMetadata"/> names. The rules of
/// each status are listed in its response's description and in <c>x-rules</c>, and all of them in the operation's.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public const string RulesExtension = "x-rules";
    public const string ProblemMediaType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var refusals = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, IEnumerable<string> rules)
        {
            if (!refusals.TryGetValue(status, out var set))
            {
                refusals[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            }

            set.UnionWith(rules);
        }

        foreach (var refusal in metadata.OfType<RefusalMetadata>())
        {
            Add(refusal.Status, refusal.Rules);
        }

        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            Add(StatusCodes.Status401Unauthorized, []);
        }

        if (operation.RequestBody is not null)
        {
            // The framework refuses a body it cannot bind (malformed JSON, wrong content type) and one over 64 KiB.
            Add(StatusCodes.Status400BadRequest, []);
            Add(StatusCodes.Status413PayloadTooLarge, []);
        }

        Add(StatusCodes.Status429TooManyRequests, [RateLimitRejection.Rule]);
        Add(StatusCodes.Status500InternalServerError, []);

        operation.Responses ??= [];
        var lines = new List<string>();
        foreach (var (status, rules) in refusals)
        {
            var code = status.ToString(CultureInfo.InvariantCulture);
            var response = new OpenApiResponse
            {
                Description = Describe(status, rules),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemDetailsSchemaTransformer.SchemaName, context.Document) },
                },
            };
            if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Whole seconds to wait before sending the request again.",
                        Required = true,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                    },
                };
            }

            if (rules.Count > 0)
            {
                response.Extensions = new Dictionary<string, IOpenApiExtension>
                {
                    [RulesExtension] = new JsonNodeExtension(new JsonArray([.. rules.Select(rule => (JsonNode)JsonValue.Create(rule))])),
                };
                lines.Add($"- {code}: {string.Join(", ", rules.Select(rule => $"`{rule}`"))}");
            }

            operation.Responses[code] = response;
        }

        if (lines.Count > 0)
        {
            var refusedWith = "Rules it may refuse with (the problem's `rule`), by status:\n" + string.Join("\n", lines);
            operation.Description = string.IsNullOrEmpty(operation.Description) ? refusedWith : operation.Description + "\n\n" + refusedWith;
        }

        return Task.CompletedTask;
    }

    private static string Describe(int status, IReadOnlySet<string> rules)
    {
        var what = status switch
        {
            StatusCodes.Status400BadRequest => "Bad input: a body or parameter that cannot be read or is invalid; `errors` names the fields when a field is missing. Nothing changed.",
            StatusCodes.Status401Unauthorized => "No bearer token, or one that is not valid (expired, wrong signature, issuer or audience).",
            StatusCodes.Status403Forbidden => "The caller may not do this. Nothing changed.",
            StatusCodes.Status404NotFound => "Not found, or not visible to the caller (another enterprise's project is 404 as if it did not exist).",
            StatusCodes.Status409Conflict => "Refused by a rule of the procedure. Nothing changed.",
            StatusCodes.Status413PayloadTooLarge => "The body is over 64 KiB; it was not read.",
            StatusCodes.Status429TooManyRequests => "Over the caller's rate limit; `Retry-After` says when to try again.",
            StatusCodes.Status500InternalServerError => "The server failed; quote `traceId` when reporting it.",
            StatusCodes.Status503ServiceUnavailable => "A silo was lost or the store is unavailable: `applied` says whether the request may have taken effect (`no` or `unknown`); retry after `Retry-After`.",
            _ => ReasonPhrases.GetReasonPhrase(status),
        };
        return rules.Count == 0 ? what : $"{what} Rules: {string.Join(", ", rules.Select(rule => $"`{rule}`"))}.";
    }
}
