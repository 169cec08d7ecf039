using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Domain.TopUps;
using CleanPrepay.Domain.Wallets;
using CleanPrepay.Domain.Wallets.Events;

namespace CleanPrepay.Domain.UnitTests;


public sealed class WalletTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Credits_and_debits_append_ledger_entries_that_sum_to_the_balance()
    {
        var wallet = Wallet.Open("cus_1", Now);

        wallet.Credit(Money.Of(2000, "EUR"), LedgerEntryKind.TopUp, "top_1", null, "system", Now);
        wallet.Debit(Money.Of(150, "EUR"), Money.Zero(Currency.EUR), LedgerEntryKind.ManualDebit, null, "oops", "admin:x", Now);
        wallet.CreditCredits(12, LedgerEntryKind.Bonus, "ord_1", "annual plan", "system", Now);

        Assert.Equal(Money.Of(1850, "EUR"), wallet.BalanceOf(Currency.EUR));
        Assert.Equal(12, wallet.Credits);
        Assert.Equal(1850, wallet.NewEntries.Where(e => e.Currency == "EUR").Sum(e => e.Amount));
        Assert.Equal(12, wallet.NewEntries.Where(e => e.IsCredits).Sum(e => e.Amount));
        Assert.Equal([1L, 2L, 3L], wallet.NewEntries.Select(e => e.Sequence).ToArray());
        Assert.Equal([2000L, 1850L, 12L], wallet.NewEntries.Select(e => e.BalanceAfter).ToArray());
        Assert.Equal(3, wallet.DomainEvents.OfType<WalletLedgerEntryAdded>().Count());
    }

    [Fact]
    public void A_debit_may_reach_the_negative_limit_but_not_pass_it()
    {
        var wallet = Wallet.Open("cus_1", Now);
        var limit = Money.Of(1000, "EUR");

        Assert.True(wallet.Debit(Money.Of(1000, "EUR"), limit, LedgerEntryKind.ManualDebit, null, null, "a", Now).IsSuccess);
        var refused = wallet.Debit(Money.Of(1, "EUR"), limit, LedgerEntryKind.ManualDebit, null, null, "a", Now);

        Assert.False(refused.IsSuccess);
        Assert.Equal("insufficient_balance", refused.Error!.Code);
        Assert.Equal(Money.Of(-1000, "EUR"), wallet.BalanceOf(Currency.EUR));
        Assert.Single(wallet.NewEntries);
    }

    [Theory]
    [InlineData(1000, 1501, 500, 1500)] // what a debit could still take: the balance plus the limit
    [InlineData(-200, 301, 500, 300)]
    [InlineData(-600, 1, 500, -100)]    // overdrawn past the limit by a reversal
    public void A_refused_debit_says_how_much_is_available(long before, long amount, long limit, long available)
    {
        var move = WalletMove.Debit(Money.Of(amount, "EUR"), Money.Of(limit, "EUR"), LedgerEntryKind.ManualDebit, null, null, "a", Now).Value;

        Assert.False(move.Allows(before));
        Assert.Contains($"; {available} is available.", move.RefusalAt(before).Message, StringComparison.Ordinal);
        Assert.True(move.Allows(amount - limit)); // exactly at the bound it is allowed
    }

    [Fact]
    public void Applying_a_move_appends_its_entry_under_the_moves_own_id()
    {
        var wallet = Wallet.Open("cus_1", Now);
        var move = WalletMove.Credit(Money.Of(100, "EUR"), LedgerEntryKind.ManualCredit, null, null, "a", Now).Value;

        var entry = wallet.Apply(move).Value;

        Assert.Equal(move.EntryId, entry.Id);
        Assert.Equal((1L, 100L, 100L), (entry.Sequence, entry.Amount, entry.BalanceAfter));
        Assert.Equal(entry.Id, Assert.Single(wallet.DomainEvents.OfType<WalletLedgerEntryAdded>()).EntryId);
    }

    [Fact]
    public void Pockets_are_separate_per_currency_and_for_credits()
    {
        var wallet = Wallet.Open("cus_1", Now);
        wallet.Credit(Money.Of(500, "SEK"), LedgerEntryKind.TopUp, null, null, "a", Now);

        Assert.False(wallet.Debit(Money.Of(1, "EUR"), Money.Zero(Currency.EUR), LedgerEntryKind.ManualDebit, null, null, "a", Now).IsSuccess);
        Assert.False(wallet.DebitCredits(1, 0, LedgerEntryKind.ManualDebit, null, null, "a", Now).IsSuccess);
        Assert.True(wallet.DebitCredits(2, 2, LedgerEntryKind.ManualDebit, null, null, "a", Now).IsSuccess);
        Assert.Equal(-2, wallet.Credits);
        Assert.Equal(Money.Of(500, "SEK"), wallet.BalanceOf(Currency.SEK));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Amounts_must_be_positive(long amount)
    {
        var wallet = Wallet.Open("cus_1", Now);

        Assert.False(wallet.Credit(Money.Of(amount, "EUR"), LedgerEntryKind.TopUp, null, null, "a", Now).IsSuccess);
        Assert.False(wallet.CreditCredits(amount, LedgerEntryKind.TopUp, null, null, "a", Now).IsSuccess);
        Assert.Empty(wallet.NewEntries);
        Assert.Equal(0, wallet.Version);
    }

    [Fact]
    public void A_top_up_credits_once_however_often_its_payment_is_reported_succeeded()
    {
        var wallet = Wallet.Open("cus_1", Now);
        var topUp = TopUp.Start("cus_1", wallet.Id, null, Money.Of(2500, "EUR"), Money.Of(2500, "EUR"), null, Now);
        var payment = Payment.Start("cus_1", "sandbox", Money.Of(2500, "EUR"), PaymentPurpose.TopUp, topUp.Id, Now);
        topUp.AttachPayment(payment.Id);

        payment.Apply(new GatewayOutcome(PaymentStatus.RequiresAction, "ref", "redirect", "https://x"), Now);
        topUp.Follow(payment, wallet, "system", Now);
        Assert.Equal(0, wallet.BalanceOf(Currency.EUR).MinorUnits);

        Assert.True(payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, "ref"), Now));
        Assert.False(payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, "ref"), Now));
        Assert.False(payment.Apply(new GatewayOutcome(PaymentStatus.Failed, "ref"), Now));
        topUp.Follow(payment, wallet, "system", Now);
        topUp.Follow(payment, wallet, "system", Now);

        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal(PaymentStatus.Succeeded, topUp.Status);
        Assert.Equal(2500, wallet.BalanceOf(Currency.EUR).MinorUnits);
        Assert.Single(wallet.NewEntries);
    }

    [Fact]
    public void A_failed_payment_credits_nothing_and_stays_failed()
    {
        var wallet = Wallet.Open("cus_1", Now);
        var topUp = TopUp.Start("cus_1", wallet.Id, "pkg_1", Money.Of(999, "EUR"), null, 10, Now);
        var payment = Payment.Start("cus_1", "sandbox", Money.Of(999, "EUR"), PaymentPurpose.TopUp, topUp.Id, Now);
        topUp.AttachPayment(payment.Id);

        payment.Apply(new GatewayOutcome(PaymentStatus.Failed, "ref", FailureCode: "card_declined"), Now);
        topUp.Follow(payment, wallet, "system", Now);
        payment.Apply(new GatewayOutcome(PaymentStatus.Succeeded, "ref"), Now);
        topUp.Follow(payment, wallet, "system", Now);

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("card_declined", payment.FailureCode);
        Assert.Equal(0, wallet.Credits);
        Assert.Empty(wallet.NewEntries);
    }

    [Fact]
    public void A_pocket_never_holds_more_than_10_to_the_15_and_a_refused_credit_changes_nothing()
    {
        var wallet = Wallet.Open("cus_1", Now);
        Assert.True(wallet.Credit(Money.Of(Money.MaxAbsoluteMinorUnits, "EUR"), LedgerEntryKind.TopUp, "top_1", null, "system", Now).IsSuccess);
        Assert.True(wallet.CreditCredits(Money.MaxAbsoluteMinorUnits, LedgerEntryKind.Bonus, "ord_1", null, "system", Now).IsSuccess);

        var money = wallet.Credit(Money.Of(1, "EUR"), LedgerEntryKind.TopUp, "top_2", null, "system", Now);
        var credits = wallet.CreditCredits(1, LedgerEntryKind.Bonus, "ord_2", null, "system", Now);

        Assert.Equal("amount_out_of_range", money.Error!.Code);
        Assert.Equal("amount_out_of_range", credits.Error!.Code);
        Assert.Equal(Money.MaxAbsoluteMinorUnits, wallet.BalanceOf(Currency.EUR).MinorUnits);
        Assert.Equal(Money.MaxAbsoluteMinorUnits, wallet.Credits);
        Assert.Equal(2, wallet.NewEntries.Count);
        Assert.False(wallet.HasRoomFor(Money.Of(1, "EUR")));
        Assert.True(wallet.HasRoomFor(Money.Of(1, "SEK")));
    }
}
