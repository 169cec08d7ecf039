using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Packages;

public sealed record GrantInput(MoneyInput? Amount, long? Credits);
