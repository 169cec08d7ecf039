namespace CleanPrepay.Application.Wallets.AdjustWallet;

public enum AdjustmentDirection
{
    Credit,
    Debit,
}
