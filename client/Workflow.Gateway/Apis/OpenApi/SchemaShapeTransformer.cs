using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Gateway;

/// <summary>
/// Makes the generated schemas say what the gateway sends, so generated clients get usable types:
/// numbers are numbers (the web defaults also read "12" as 12, a leniency clients need not know of); facts are JSON
/// objects (an empty schema matched null too, which broke the history's <c>oneOf</c>); a member omitted when null is not
/// required.
/// </summary>
internal sealed class SchemaShapeTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        var clrType = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (clrType == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(clrType))
        {
            // A JsonElement? member is inlined, so its null is said here; a JsonNode member is wrapped in a oneOf with null.
            schema.Type = clrType == context.JsonTypeInfo.Type ? JsonSchemaType.Object : JsonSchemaType.Object | JsonSchemaType.Null;
            schema.Description ??= "A JSON object: the act's facts (step-specific, e.g. signedHouseholds, depositedYuan, counties).";
            schema.AdditionalPropertiesAllowed = true;
        }

        if (schema.Required is { Count: > 0 } required && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                var ignore = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                    .OfType<JsonIgnoreAttribute>().FirstOrDefault();
                if (ignore?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
                {
                    required.Remove(property.Name);
                }
            }
        }

        return Task.CompletedTask;
    }
}
