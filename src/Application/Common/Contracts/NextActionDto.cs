namespace CleanPrepay.Application.Common.Contracts;

/// <summary>What the payer must do next (3-D Secure, a provider's checkout), whatever the payment pays for.</summary>
public sealed record NextActionDto(string Type, string? Url);
