using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Gateway;

/// <summary>The one <c>ProblemDetails</c> schema every error response refers to: RFC 7807's members and LandFlow's.</summary>
internal sealed class ProblemDetailsSchemaTransformer : IOpenApiDocumentTransformer
{
    public const string SchemaName = "ProblemDetails";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[SchemaName] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "An RFC 7807 problem. A refusal by a named rule carries `rule`; a refused request changed nothing.",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI naming the kind of problem (the status's section of RFC 9110 or RFC 6585)."),
                ["title"] = Text("A short summary of the kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = Text("What went wrong with this request, for a person."),
                ["instance"] = Text("The request the problem occurred in, when given."),
                ["rule"] = Text("The named rule that refused the request (docs/api.md, \"Rules a refusal names\"); absent when none did."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Per field (by its JSON name), what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
                ["traceId"] = Text("The request's trace, to quote when reporting a problem."),
                ["applied"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "On a 503: `no`, the request did not take effect; `unknown`, an act was in flight and may have (repeat it: if it had, its own rule refuses the repeat).",
                    Enum = [JsonValue.Create("no"), JsonValue.Create("unknown")],
                },
            },
            // The framework adds members of its own (for malformed JSON: path, line, bytePositionInLine).
            AdditionalPropertiesAllowed = true,
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
