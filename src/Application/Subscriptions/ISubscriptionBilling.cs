namespace CleanPrepay.Application.Subscriptions;

/// <summary>The renewal worker's work, for the hosted loop and for tests that drive it by hand.</summary>
public interface ISubscriptionBilling
{
    /// <summary>One batch of expiries and one batch of charges; gateway charges are called after their batch commits.</summary>
    Task<BillingPass> RunOnceAsync(CancellationToken cancellationToken);
}
