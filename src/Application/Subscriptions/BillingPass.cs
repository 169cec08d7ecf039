namespace CleanPrepay.Application.Subscriptions;

/// <summary>What one pass of the renewal worker did.</summary>
public sealed record BillingPass(int Expired, int Charged, int Paid, int Failed, int Canceled, int AwaitingPayment)
{
    public int Total => Expired + Charged + Canceled;
}
