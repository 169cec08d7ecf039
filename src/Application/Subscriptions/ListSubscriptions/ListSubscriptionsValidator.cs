using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Subscriptions.ListSubscriptions;

internal sealed class ListSubscriptionsValidator : PagedQueryValidator<ListSubscriptionsQuery>;
