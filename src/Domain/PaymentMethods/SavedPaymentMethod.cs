using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.PaymentMethods.Events;

namespace CleanPrepay.Domain.PaymentMethods;

/// <summary>
/// A payment method a customer let us charge again without them (off-session): the provider's own
/// references to it (a Stripe PaymentMethod on a Stripe Customer, a Mollie mandate, a PayPal vault
/// token), never card data (ADR 0022, ADR 0038). At most one of a customer's methods is the default.
/// </summary>
public sealed class SavedPaymentMethod : AggregateRoot
{
    private SavedPaymentMethod()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public string Gateway { get; private set; } = string.Empty;

    public SavedMethodKind Kind { get; private set; }

    public SavedMethodStatus Status { get; private set; }

    /// <summary>The provider's customer the method belongs to (Stripe <c>cus_…</c>, Mollie <c>cst_…</c>), when it has one.</summary>
    public string? ProviderCustomerId { get; private set; }

    /// <summary>What the provider charges (Stripe <c>pm_…</c>, Mollie <c>mdt_…</c>, a PayPal vault id); null until set up.</summary>
    public string? ProviderMethodId { get; private set; }

    /// <summary>The provider's set-up object (a SetupIntent, a first payment), to ask where it stands.</summary>
    public string? SetupReference { get; private set; }

    public MethodDisplay Display { get; private set; } = MethodDisplay.None;

    public bool IsDefault { get; private set; }

    public string? NextActionType { get; private set; }

    public string? NextActionUrl { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureMessage { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsUsable => Status == SavedMethodStatus.Active && ProviderMethodId is not null;

    /// <summary>A method being set up; its state comes from the provider's first answer (<see cref="ApplySetup"/>).</summary>
    public static SavedPaymentMethod Begin(string customerId, string gateway, SavedMethodKind kind, string? providerCustomerId, DateTimeOffset now) => new()
    {
        Id = Ids.New("spm"),
        CustomerId = customerId,
        Gateway = gateway,
        Kind = kind,
        Status = SavedMethodStatus.Pending,
        ProviderCustomerId = providerCustomerId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Records what the provider said of the set-up; a final state (active with a method, failed, revoked) is never left again by a late answer.</summary>
    public void ApplySetup(
        SavedMethodStatus status, string? providerMethodId, string? setupReference, MethodDisplay? display, string? nextActionType, string? nextActionUrl,
        string? failureCode, string? failureMessage, DateTimeOffset now)
    {
        if (Status is SavedMethodStatus.Failed or SavedMethodStatus.Revoked || (Status == SavedMethodStatus.Active && ProviderMethodId is not null))
        {
            return;
        }

        if (status == SavedMethodStatus.Revoked)
        {
            throw new InvalidOperationException("A set-up answer cannot revoke a method; use Revoke.");
        }

        var before = Status;
        Status = status;
        ProviderMethodId = providerMethodId ?? ProviderMethodId;
        SetupReference = setupReference ?? SetupReference;
        Display = display ?? Display;
        NextActionType = status == SavedMethodStatus.RequiresAction ? nextActionType : null;
        NextActionUrl = status == SavedMethodStatus.RequiresAction ? nextActionUrl : null;
        FailureCode = status == SavedMethodStatus.Failed ? failureCode : null;
        FailureMessage = status == SavedMethodStatus.Failed ? failureMessage : null;
        if (status == SavedMethodStatus.Failed)
        {
            IsDefault = false;
        }

        UpdatedAt = now;
        Touch();
        if (Kind == SavedMethodKind.SepaDebit && before != status && status is SavedMethodStatus.Active or SavedMethodStatus.Failed)
        {
            Raise(new DirectDebitMandateSettled(Id, CustomerId, status == SavedMethodStatus.Active, failureMessage, now));
        }
    }

    /// <summary>Makes this the method renewals and auto top-up fall back to; the caller clears the previous default in the same unit.</summary>
    public Result MakeDefault(DateTimeOffset now)
    {
        if (!IsUsable)
        {
            return SavedMethodErrors.NotUsable(Status);
        }

        IsDefault = true;
        UpdatedAt = now;
        Touch();
        return Result.Success();
    }

    public void ClearDefault(DateTimeOffset now)
    {
        if (!IsDefault)
        {
            return;
        }

        IsDefault = false;
        UpdatedAt = now;
        Touch();
    }

    /// <summary>Deleted: never charged again. Revoking twice changes nothing.</summary>
    public bool Revoke(DateTimeOffset now)
    {
        if (Status == SavedMethodStatus.Revoked)
        {
            return false;
        }

        Status = SavedMethodStatus.Revoked;
        IsDefault = false;
        NextActionType = null;
        NextActionUrl = null;
        RevokedAt = now;
        UpdatedAt = now;
        Touch();
        return true;
    }
}
