using CleanPrepay.Application.Accesses;
using CleanPrepay.Application.Accesses.GetEntitlement;
using CleanPrepay.Application.Accesses.GrantAccess;
using CleanPrepay.Application.Accesses.ListAccesses;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Payments.RefundPayment;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Orders;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using CleanPrepay.Application.Orders.GetOrder;
using CleanPrepay.Application.Orders.ListOrders;
using CleanPrepay.Application.Orders.PlaceOrder;

namespace CleanPrepay.WebApi.Endpoints;

internal static class OrderEndpoints
{
    public sealed record PlaceOrderBody(string? CustomerId, IReadOnlyList<OrderItemInput?>? Items, string? Currency, string? CouponCode, OrderPaymentInput? Payment);

    public sealed record GrantAccessBody(string? VideoId, string? PlanId, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt, string? Reason);

    public sealed record RefundBody(MoneyInput? Amount, long? Credits);

    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/v1/orders").WithTags("Orders").RequireAuthorization().WithStandardProblems();
        orders.MapPost("/", async Task<Results<Created<OrderDto>, ProblemHttpResult>> (PlaceOrderBody body, IMediator m, CancellationToken ct) =>
            {
                if (string.IsNullOrEmpty(body.CustomerId))
                {
                    return Problems.From(Error.Validation("customerId", "The customerId is required."));
                }

                return (await m.Send(new PlaceOrderCommand(body.CustomerId, body.Items, body.Currency, body.CouponCode, body.Payment), ct))
                    .ToCreated(o => $"/v1/orders/{o.Id}");
            })
            .WithMetadata(new IdempotentAttribute())
            .WithName("placeOrder")
            .WithSummary("PlaceOrder: videos (rent or buy), plans and packages, paid from the wallet, with credits or through a gateway.")
            .ProducesValidationProblem();
        orders.MapGet("/{orderId}", async Task<Results<Ok<OrderDto>, ProblemHttpResult>> (string orderId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetOrderQuery(orderId), ct)).ToOk())
            .WithName("getOrder");
        orders.MapGet("/", async Task<Results<Ok<Page<OrderDto>>, ProblemHttpResult>> (string? customerId, string? status, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
            {
                if (!TryParseStatus(status, out var parsed))
                {
                    return Problems.From(Error.Validation("status", "The status is pending, requires_action, paid, failed or refunded."));
                }

                return (await m.Send(new ListOrdersQuery(customerId, parsed, limit, cursor), ct)).ToOk();
            })
            .WithName("listOrders").WithSummary("Orders newest first; a customer sees only their own.");

        var customers = app.MapGroup("/v1/customers/{customerId}").WithTags("Customers").RequireAuthorization().WithStandardProblems();
        customers.MapGet("/orders", async Task<Results<Ok<Page<OrderDto>>, ProblemHttpResult>> (string customerId, string? status, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
            {
                if (!TryParseStatus(status, out var parsed))
                {
                    return Problems.From(Error.Validation("status", "The status is pending, requires_action, paid, failed or refunded."));
                }

                return (await m.Send(new ListOrdersQuery(customerId, parsed, limit, cursor), ct)).ToOk();
            })
            .WithName("listCustomerOrders");
        customers.MapGet("/accesses", async Task<Results<Ok<Page<AccessDto>>, ProblemHttpResult>> (string customerId, bool? active, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListAccessesQuery(customerId, active, limit, cursor), ct)).ToOk())
            .WithName("listCustomerAccesses").WithSummary("Accesses (rentals, purchases, subscriptions, manual), each saying whether it is active now.");
        customers.MapPost("/accesses", async Task<Results<Created<AccessDto>, ProblemHttpResult>> (string customerId, GrantAccessBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new GrantAccessCommand(customerId, body.VideoId, body.PlanId, body.StartsAt, body.ExpiresAt, body.Reason), ct))
                    .ToCreated(_ => $"/v1/customers/{customerId}/accesses"))
            .RequireAuthorization(Roles.AdminPolicy).WithMetadata(new IdempotentAttribute()).WithName("grantAccess").ProducesValidationProblem();
        customers.MapGet("/entitlements/{videoId}", async Task<Results<Ok<EntitlementDto>, ProblemHttpResult>> (string customerId, string videoId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetEntitlementQuery(customerId, videoId), ct)).ToOk())
            .WithName("getEntitlement").WithSummary("May this customer watch this video now, until when, and through what.");

        app.MapGroup("/v1/payments").WithTags("Payments").RequireAuthorization(Roles.AdminPolicy).WithStandardProblems()
            .MapPost("/{paymentId}/refunds", async Task<Results<Created<RefundDto>, ProblemHttpResult>> (string paymentId, RefundBody? body, IMediator m, CancellationToken ct) =>
                (await m.Send(new RefundPaymentCommand(paymentId, body?.Amount, body?.Credits), ct)).ToCreated(r => $"/v1/payments/{paymentId}"))
            .WithMetadata(new IdempotentAttribute())
            .WithName("refundPayment")
            .WithSummary("Refunds an order's payment in full, or the amount given; never more than was paid. A full refund revokes the order's accesses.")
            .WithDescription("`amount` is Money (`{\"amount\": 299, \"currency\": \"EUR\"}`) in the payment's currency; another currency, or a bare number, is 400 `validation_failed`. "
                + "A payment made with credits is refunded with `credits` instead.");
    }

    private static bool TryParseStatus(string? value, out OrderStatus? status)
    {
        status = null;
        if (value is null)
        {
            return true;
        }

        var normalized = value.Replace("_", string.Empty, StringComparison.Ordinal);
        if (int.TryParse(value, out _) || !Enum.TryParse<OrderStatus>(normalized, ignoreCase: true, out var parsed))
        {
            return false;
        }

        status = parsed;
        return true;
    }
}
