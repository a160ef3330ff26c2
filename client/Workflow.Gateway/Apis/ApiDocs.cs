using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Workflow.Gateway;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar API page at <c>/scalar</c>, both anonymous.</summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/scalar";
    public const string BearerSchemeName = "Bearer";

    internal static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<ProblemDetailsSchemaTransformer>();
            options.AddOperationTransformer<BearerRequirementTransformer>();
            options.AddOperationTransformer<AllowedValuesTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddSchemaTransformer<SchemaShapeTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(PagePath, options => options
                .WithTitle("LandFlow API")
                .AddPreferredSecuritySchemes(BearerSchemeName)
                // The bureau's network may not reach public CDNs or telemetry hosts.
                .DisableDefaultFonts()
                .DisableTelemetry())
            .AllowAnonymous();
        return app;
    }

    /// <summary>Declares the bearer scheme, with where to get a token in development.</summary>
    internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info.Title = "LandFlow API";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                In = ParameterLocation.Header,
                Description = "A JWT issued by this gateway (in embedded mode: POST /api/dev/token with {\"user\": \"<id>\"}), or by the identity provider it trusts (LandFlow:Auth:Authority or JwksFile).",
            };
            return Task.CompletedTask;
        }
    }

    /// <summary>Marks the operations that need a token, and the others as explicitly anonymous (<c>security: []</c>).</summary>
    internal sealed class BearerRequirementTransformer : IOpenApiOperationTransformer
    {
        public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.Security ??= [];
            if (!metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(BearerSchemeName, context.Document)] = [],
                });
            }

            return Task.CompletedTask;
        }
    }
}
