using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Subscriptions.ListSubscriptions;

/// <summary>A customer's subscriptions, newest first.</summary>
public sealed record ListSubscriptionsQuery(string CustomerId, int? Limit, string? Cursor) : IQuery<Page<SubscriptionDto>>, ICustomerScoped, IPagedQuery;
