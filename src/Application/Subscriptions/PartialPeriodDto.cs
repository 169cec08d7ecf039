using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Subscriptions;

public sealed record PartialPeriodDto(DateOnly From, DateOnly To, int Days, int DaysInPeriod, MoneyDto Amount);
