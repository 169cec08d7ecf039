namespace CleanPrepay.Domain.PaymentMethods;

/// <summary>Where a saved method stands: only an active one can be charged off-session.</summary>
public enum SavedMethodStatus
{
    /// <summary>Set up; may be charged without the payer.</summary>
    Active,

    /// <summary>The provider wants the payer first (3-D Secure on a SetupIntent, a PayPal approval).</summary>
    RequiresAction,

    /// <summary>The provider has not decided yet (a mandate being checked).</summary>
    Pending,

    /// <summary>The set-up was refused; it can never be charged.</summary>
    Failed,

    /// <summary>Deleted by the customer or staff, and revoked at the provider.</summary>
    Revoked,
}
