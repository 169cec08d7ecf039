using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Subscriptions;

public sealed record FullPeriodDto(DateOnly From, DateOnly To, MoneyDto Amount);
