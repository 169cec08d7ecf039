namespace CleanPrepay.Application.PaymentMethods;

public sealed record PaymentMethodDisplayDto(string? Brand, string? Last4, int? ExpMonth, int? ExpYear, string? Email);
