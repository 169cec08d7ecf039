using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Orders;

namespace CleanPrepay.Application.Subscriptions.StartProratedSubscription;

/// <summary>
/// StartProratedSubscription: subscribes a customer to a plan from today or a future date. Without a
/// trial, the first prepayment (ADR 0018) is charged at once with the payment given, or waits, pending,
/// for one (<c>POST /v1/prepayments/{id}/pay</c>); until it is paid the subscription is
/// <c>pending_prepayment</c> and grants no access. A consumer the risk check rejected must prepay with
/// an instant method, and only where the merchant enabled prepayment.
/// </summary>
public sealed record StartProratedSubscriptionCommand(
    string CustomerId, string? PlanId, DateOnly? StartDate, string? Currency, string? CouponCode, RiskCheckInput? RiskCheck, OrderPaymentInput? Payment,
    bool? SkipTrial = null)
    : IPhasedCommand<SubscriptionDto>, ICustomerSpending;
