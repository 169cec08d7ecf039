using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Subscriptions.GetSubscription;

public sealed record GetSubscriptionQuery(string SubscriptionId) : IQuery<SubscriptionDto>;
