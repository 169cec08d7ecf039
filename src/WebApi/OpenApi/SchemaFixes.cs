using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanPrepay.WebApi.OpenApi;

/// <summary>
/// Makes the document say what the API does, so generated clients type it right: instants are
/// strings, enums are string enums without null, request bodies require only what the server
/// requires, and every problem carries <c>code</c> and <c>traceId</c>.
/// </summary>
internal static class SchemaFixes
{
    public static Task Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        if (type == typeof(string) && schema.Type is null)
        {
            // The NUL guard (NulFreeStringConverter) hides strings from the generator: say again that they are strings.
            var nullable = context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        else if (type != typeof(string) && typeof(IEnumerable<string>).IsAssignableFrom(type) && schema.Items is null)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else if (type == typeof(DateTimeOffset) || underlying == typeof(DateTimeOffset))
        {
            schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }
        else if ((underlying ?? type).IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Enum = schema.Enum.Where(v => v is not null).ToList();
            schema.Type = JsonSchemaType.String;
        }
        else if (typeof(ProblemDetails).IsAssignableFrom(type) && schema.Properties is not null)
        {
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable snake_case error code, e.g. insufficient_balance." };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Correlates the answer with the server's logs." };
            schema.Required = new HashSet<string> { "type", "title", "status", "detail", "code", "traceId" };
        }
        return Task.CompletedTask;
    }
}

/// <summary>Declares the <c>Idempotency-Key</c> header on the operations that honour it.</summary>
internal sealed class IdempotencyKeyOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Idempotency.IdempotentAttribute>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Required = false,
                Description = "1–255 characters. The same key and body within 24 h replay the first answer (Idempotent-Replayed: true).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
            });
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Request bodies are nullable records so that the validators, not the JSON binder, report a missing
/// field. The document says instead what a client must send: the members the validators require are
/// required and non-null; every other member is optional.
/// </summary>
internal static class RequestSchemas
{
    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["MoneyInput"] = ["amount", "currency"],
        ["PaymentInput"] = ["paymentMethod"],
        ["AdjustmentBody"] = ["direction", "reason"],
        ["TopUpBody"] = ["payment"],
        ["CreateCustomerCommand"] = ["email", "name"],
        ["CreatePackageCommand"] = ["name", "price", "grants"],
        ["GrantInput"] = [],
        ["UpdateCustomerBody"] = [],
        ["UpdatePackageBody"] = [],
        ["UpdateSettingsCommand"] = [],
        ["CreateCouponCampaignCommand"] = ["name", "duration", "appliesTo"],
        ["BulkCodesInput"] = ["count"],
        ["GenerateCodesBody"] = ["count"],
        ["ApplyCouponCommand"] = ["code", "customerId"],
        ["QuoteBody"] = ["customerId", "planId"],
        ["StartSubscriptionBody"] = ["customerId", "planId"],
        ["RiskCheckInput"] = ["outcome"],
        ["CancelSubscriptionBody"] = [],
        ["PayPrepaymentBody"] = ["payment"],
        ["ChangePlanBody"] = ["planId"],
        ["ChangePaymentMethodBody"] = ["payment"],
    };

    public static Task Apply(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (name, required) in Required)
        {
            if ((document.Components?.Schemas is { } schemas && schemas.TryGetValue(name, out var found) ? found : null) is not OpenApiSchema schema || schema.Properties is null)
            {
                continue;
            }

            schema.Required = new HashSet<string>(required);
            foreach (var member in required)
            {
                schema.Properties[member] = NonNull(schema.Properties[member]);
            }
        }

        return Task.CompletedTask;
    }

    private static IOpenApiSchema NonNull(IOpenApiSchema property)
    {
        if (property.OneOf is { Count: 2 } oneOf && oneOf.FirstOrDefault(s => s.Type != JsonSchemaType.Null) is { } target)
        {
            return target;
        }

        if (property is OpenApiSchema { Type: { } type } concrete)
        {
            concrete.Type = type & ~JsonSchemaType.Null;
        }

        return property;
    }
}

internal static class ProblemResponses
{
    /// <summary>The problems every authenticated route may answer, documented once per group.</summary>
    public static RouteGroupBuilder WithStandardProblems(this RouteGroupBuilder group) =>
        group.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
