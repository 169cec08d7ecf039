namespace CleanPrepay.Domain.Wallets;

/// <summary>The balance of one currency inside a wallet, in minor units.</summary>
public sealed class WalletPocket
{
    private WalletPocket()
    {
    }

    internal WalletPocket(string walletId, string currency)
    {
        WalletId = walletId;
        Currency = currency;
    }

    public string WalletId { get; private set; } = string.Empty;

    public string Currency { get; private set; } = string.Empty;

    public long Balance { get; internal set; }
}
