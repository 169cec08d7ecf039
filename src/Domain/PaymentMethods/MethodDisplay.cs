namespace CleanPrepay.Domain.PaymentMethods;

/// <summary>What may be shown of a saved method: never a full number, only what the provider gives for display.</summary>
public sealed record MethodDisplay(string? Brand = null, string? Last4 = null, int? ExpMonth = null, int? ExpYear = null, string? Email = null)
{
    public static MethodDisplay None { get; } = new();
}
