using System.Globalization;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Notifications;
using CleanPrepay.Application.Notifications.ListNotifications;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Subscriptions;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using CleanPrepay.Application.Subscriptions.CancelSubscription;
using CleanPrepay.Application.Subscriptions.ChangeSubscriptionPaymentMethod;
using CleanPrepay.Application.Subscriptions.ChangeSubscriptionPlan;
using CleanPrepay.Application.Subscriptions.GetPendingPrepayments;
using CleanPrepay.Application.Subscriptions.GetPrepayment;
using CleanPrepay.Application.Subscriptions.GetSubscription;
using CleanPrepay.Application.Subscriptions.ListSubscriptions;
using CleanPrepay.Application.Subscriptions.PayPrepayment;
using CleanPrepay.Application.Subscriptions.QuoteSubscription;
using CleanPrepay.Application.Subscriptions.StartProratedSubscription;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>StartProratedSubscription and its quote, subscriptions, and GetPendingPrepayments.</summary>
internal static class SubscriptionEndpoints
{
    public sealed record QuoteBody(string? CustomerId, string? PlanId, DateOnly? StartDate, string? Currency, string? CouponCode);

    public sealed record StartSubscriptionBody(
        string? CustomerId, string? PlanId, DateOnly? StartDate, string? Currency, string? CouponCode, RiskCheckInput? RiskCheck, OrderPaymentInput? Payment,
        bool? SkipTrial);

    public sealed record CancelSubscriptionBody(bool? AtPeriodEnd);

    public sealed record PayPrepaymentBody(OrderPaymentInput? Payment);

    public sealed record ChangePlanBody(string? PlanId);

    public sealed record ChangePaymentMethodBody(OrderPaymentInput? Payment);

    public sealed record UpdateSubscriptionBody(string? SavedMethodId);

    public static void MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/v1/subscriptions").WithTags("Subscriptions").RequireAuthorization().WithStandardProblems();
        subscriptions.MapPost("/quote", async Task<Results<Ok<SubscriptionQuoteDto>, ProblemHttpResult>> (QuoteBody body, IMediator m, CancellationToken ct) =>
                string.IsNullOrEmpty(body.CustomerId)
                    ? Problems.From(Error.Validation("customerId", "The customerId is required."))
                    : (await m.Send(new QuoteSubscriptionQuery(body.CustomerId, body.PlanId, body.StartDate, body.Currency, body.CouponCode), ct)).ToOk())
            .WithName("quoteSubscription").ProducesValidationProblem()
            .WithSummary("What starting the subscription would prepay: the partial period, the full periods, the total and the days paid for (ADR 0018).");
        subscriptions.MapPost("/", async Task<Results<Created<SubscriptionDto>, ProblemHttpResult>> (StartSubscriptionBody body, IMediator m, CancellationToken ct) =>
                string.IsNullOrEmpty(body.CustomerId)
                    ? Problems.From(Error.Validation("customerId", "The customerId is required."))
                    : (await m.Send(new StartProratedSubscriptionCommand(body.CustomerId, body.PlanId, body.StartDate, body.Currency, body.CouponCode, body.RiskCheck, body.Payment, body.SkipTrial), ct))
                        .ToCreated(s => $"/v1/subscriptions/{s.Id}"))
            .WithMetadata(new IdempotentAttribute()).WithName("startSubscription").ProducesValidationProblem()
            .WithSummary("StartProratedSubscription: a trial, or the first prepayment charged now (or pending until paid); a risk-rejected consumer must prepay.");
        subscriptions.MapGet("/{subscriptionId}", async Task<Results<Ok<SubscriptionDto>, ProblemHttpResult>> (string subscriptionId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetSubscriptionQuery(subscriptionId), ct)).ToOk())
            .WithName("getSubscription");
        subscriptions.MapPost("/{subscriptionId}/cancel", async Task<Results<Ok<SubscriptionDto>, ProblemHttpResult>> (string subscriptionId, CancelSubscriptionBody? body, IMediator m, CancellationToken ct) =>
                (await m.Send(new CancelSubscriptionCommand(subscriptionId, body?.AtPeriodEnd), ct)).ToOk())
            .WithMetadata(new IdempotentAttribute()).WithName("cancelSubscription")
            .WithSummary("Cancels at the end of the paid period (default) or now (atPeriodEnd: false: access ends now). Nothing is refunded.");

        subscriptions.MapPost("/{subscriptionId}/payment-method", async Task<Results<Ok<SubscriptionDto>, ProblemHttpResult>> (string subscriptionId, ChangePaymentMethodBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new ChangeSubscriptionPaymentMethodCommand(subscriptionId, body.Payment), ct)).ToOk())
            .WithName("changeSubscriptionPaymentMethod").ProducesValidationProblem()
            .WithSummary("How the next charges are paid: the wallet, or a gateway with a new payment-method token (a new card on file).");
        subscriptions.MapPatch("/{subscriptionId}", async Task<Results<Ok<SubscriptionDto>, ProblemHttpResult>> (string subscriptionId, UpdateSubscriptionBody body, IMediator m, CancellationToken ct) =>
                body.SavedMethodId is null
                    ? Problems.From(Error.Validation("savedMethodId", "savedMethodId is required: the saved method (spm_…) the next renewals charge."))
                    : (await m.Send(
                        new ChangeSubscriptionPaymentMethodCommand(subscriptionId, new OrderPaymentInput(Domain.Orders.OrderPaymentMethod.Saved, null, null, SavedMethodId: body.SavedMethodId)),
                        ct)).ToOk())
            .WithName("updateSubscription").ProducesValidationProblem()
            .WithSummary("Changes the saved method a running subscription renews from, off-session.");
        subscriptions.MapPost("/{subscriptionId}/change-plan", async Task<Results<Ok<SubscriptionDto>, ProblemHttpResult>> (string subscriptionId, ChangePlanBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new ChangeSubscriptionPlanCommand(subscriptionId, body.PlanId), ct)).ToOk())
            .WithMetadata(new IdempotentAttribute()).WithName("changeSubscriptionPlan").ProducesValidationProblem()
            .WithSummary("Upgrade or downgrade now: the paid days after today are credited to the wallet, and the new plan is charged from today, prorated like a start.");

        var customers = app.MapGroup("/v1/customers/{customerId}").WithTags("Customers").RequireAuthorization().WithStandardProblems();
        customers.MapGet("/notifications", async Task<Results<Ok<Page<NotificationDto>>, ProblemHttpResult>> (string customerId, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListNotificationsQuery(customerId, limit, cursor), ct)).ToOk())
            .WithName("listCustomerNotifications").WithSummary("The emails sent to the customer (payment confirmations, welcome), newest first, as sent.");
        customers.MapGet("/subscriptions", async Task<Results<Ok<Page<SubscriptionDto>>, ProblemHttpResult>> (string customerId, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListSubscriptionsQuery(customerId, limit, cursor), ct)).ToOk())
            .WithName("listCustomerSubscriptions");

        var prepayments = app.MapGroup("/v1/prepayments").WithTags("Subscriptions").RequireAuthorization().WithStandardProblems();
        prepayments.MapGet("/", async Task<Results<Ok<Page<PrepaymentDto>>, ProblemHttpResult>> (
                string? status, string? customerId, string? createdFrom, string? createdTo, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
            {
                PrepaymentStatus? parsed = null;
                if (status is not null)
                {
                    if (int.TryParse(status, out _) || !Enum.TryParse<PrepaymentStatus>(status, ignoreCase: true, out var s))
                    {
                        return Problems.From(Error.Validation("status", "The status is pending, paid, expired or canceled."));
                    }

                    parsed = s;
                }

                if (!TryParseInstant(createdFrom, out var from))
                {
                    return Problems.From(Error.Validation("createdFrom", "createdFrom is an ISO 8601 instant, e.g. 2026-11-20T10:00:00Z."));
                }

                if (!TryParseInstant(createdTo, out var to))
                {
                    return Problems.From(Error.Validation("createdTo", "createdTo is an ISO 8601 instant, e.g. 2026-11-20T10:00:00Z."));
                }

                return (await m.Send(new GetPendingPrepaymentsQuery(parsed, customerId, from, to, limit, cursor), ct)).ToOk();
            })
            .WithName("listPrepayments")
            .WithSummary("GetPendingPrepayments (status=pending): prepayments newest first, by customer and a creation range [createdFrom, createdTo).");
        prepayments.MapGet("/{prepaymentId}", async Task<Results<Ok<PrepaymentDto>, ProblemHttpResult>> (string prepaymentId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetPrepaymentQuery(prepaymentId), ct)).ToOk())
            .WithName("getPrepayment");
        prepayments.MapPost("/{prepaymentId}/pay", async Task<Results<Ok<SubscriptionDto>, ProblemHttpResult>> (string prepaymentId, PayPrepaymentBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new PayPrepaymentCommand(prepaymentId, body.Payment), ct)).ToOk())
            .WithMetadata(new IdempotentAttribute()).WithName("payPrepayment").ProducesValidationProblem()
            .WithSummary("Pays a pending prepayment with the wallet or a gateway (an instant one for a risk-rejected consumer); the method is kept for renewals.");
    }

    private static bool TryParseInstant(string? value, out DateTimeOffset? instant)
    {
        instant = null;
        if (value is null)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        instant = parsed.ToUniversalTime();
        return true;
    }
}
