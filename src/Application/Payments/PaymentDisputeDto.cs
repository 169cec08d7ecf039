using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Payments;

/// <summary>A payment's dispute: <c>disputed</c>, then <c>won</c> or <c>lost</c> (ADR 0040). The payment's own status stays <c>succeeded</c>: the money did move.</summary>
public sealed record PaymentDisputeDto(string Id, DisputeStatus Status, MoneyDto Amount, string? Reason, DateTimeOffset? OpenedAt);
