using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Domain.Payments;

/// <summary>Money or credits given back on a payment, to the wallet or through the gateway.</summary>
public sealed class Refund
{
    private Refund()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string PaymentId { get; private set; } = string.Empty;

    /// <summary>Always in the payment's currency; zero for a refund of credits only.</summary>
    public Money Amount { get; private set; }

    public long Credits { get; private set; }

    public PaymentStatus Status { get; private set; }

    public string? ProviderReference { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public void Complete(GatewayRefundOutcome outcome)
    {
        Status = outcome.Status;
        ProviderReference = outcome.ProviderReference ?? ProviderReference;
    }

    public static Refund Record(string paymentId, Money amount, long credits, PaymentStatus status, string? providerReference, string createdBy, DateTimeOffset now) => new()
    {
        Id = Ids.New("ref"),
        PaymentId = paymentId,
        Amount = amount,
        Credits = credits,
        Status = status,
        ProviderReference = providerReference,
        CreatedBy = createdBy,
        CreatedAt = now,
    };
}

/// <summary>A provider-neutral answer to a refund request.</summary>
public sealed record GatewayRefundOutcome(PaymentStatus Status, string? ProviderReference, string? FailureCode = null);
