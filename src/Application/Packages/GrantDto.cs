using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Packages;

/// <summary>What a package or top-up puts in the wallet: an amount or credits.</summary>
public sealed record GrantDto(MoneyDto? Amount, long? Credits);
