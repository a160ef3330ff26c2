using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Gateway;

/// <summary>Gives the parameters named by <see cref="AllowedValuesMetadata"/> their values as an <c>enum</c>.</summary>
internal sealed class AllowedValuesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var allowed in context.Description.ActionDescriptor.EndpointMetadata.OfType<AllowedValuesMetadata>())
        {
            if (operation.Parameters?.FirstOrDefault(p => p.Name == allowed.Parameter) is OpenApiParameter { Schema: OpenApiSchema schema })
            {
                schema.Type = JsonSchemaType.String;
                schema.Enum = [.. allowed.Values.Select(value => (JsonNode)JsonValue.Create(value))];
            }
            else
            {
                throw new InvalidOperationException($"{context.Description.RelativePath} has no parameter '{allowed.Parameter}' to give values to.");
            }
        }

        return Task.CompletedTask;
    }
}
