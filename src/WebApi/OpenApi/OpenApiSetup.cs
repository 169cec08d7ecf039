using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanPrepay.WebApi.OpenApi;

internal static class OpenApiSetup
{
    public static IServiceCollection AddCleanPrepayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            // The apply body keeps the schema name the contract and the TypeScript client publish (ADR 0034).
            options.CreateSchemaReferenceId = type => type.Type == typeof(Endpoints.CouponEndpoints.ApplyCouponBody)
                ? "ApplyCouponCommand"
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer(SchemaFixes.Apply);
            options.AddOperationTransformer<IdempotencyKeyOperationTransformer>();
            // A CSV answer is a file to save, not text to parse: generated clients hand back a blob and its name.
            options.AddOperationTransformer((operation, _, _) =>
            {
                foreach (var media in (operation.Responses ?? []).Values.SelectMany(r => r.Content ?? new Dictionary<string, OpenApiMediaType>())
                             .Where(c => c.Key == "text/csv").Select(c => c.Value))
                {
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer(RequestSchemas.Apply);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CleanPrepay API",
                    Version = "v1",
                    Description = "Payments and prepaid wallets for video-streaming platforms. Money is integer minor units; errors are problem+json with a stable code.",
                };
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A JWT with a role claim of admin or customer; sub is the customer id.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });
}
