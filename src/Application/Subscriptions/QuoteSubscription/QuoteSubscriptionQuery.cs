using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Subscriptions.QuoteSubscription;

/// <summary>What StartProratedSubscription would charge, without starting anything (ADR 0018).</summary>
public sealed record QuoteSubscriptionQuery(string CustomerId, string? PlanId, DateOnly? StartDate, string? Currency, string? CouponCode)
    : IQuery<SubscriptionQuoteDto>, ICustomerScoped;
