using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions;

public sealed record RenewalDto(RenewalMethod Method, string? Gateway, string? SavedMethodId = null);
