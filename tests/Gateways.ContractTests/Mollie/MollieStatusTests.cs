using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Gateways.Mollie;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Gateways.ContractTests.Mollie;

/// <summary>Every documented Mollie payment and refund status, read back over HTTP, in the neutral set.</summary>
public sealed class MollieStatusTests
{
    public static TheoryData<string, PaymentStatus, string?> PaymentStatuses => new()
    {
        { "open", PaymentStatus.RequiresAction, null },
        { "pending", PaymentStatus.Pending, null },
        { "authorized", PaymentStatus.Authorized, null },
        { "paid", PaymentStatus.Succeeded, null },
        { "canceled", PaymentStatus.Canceled, GatewayFailureCodes.PayerCanceled },
        { "expired", PaymentStatus.Canceled, GatewayFailureCodes.Expired },
        { "failed", PaymentStatus.Failed, GatewayFailureCodes.Declined },
    };

    public static TheoryData<string, PaymentStatus> RefundStatuses => new()
    {
        { "queued", PaymentStatus.Pending },
        { "pending", PaymentStatus.Pending },
        { "processing", PaymentStatus.Pending },
        { "refunded", PaymentStatus.Succeeded },
        { "failed", PaymentStatus.Failed },
        { "canceled", PaymentStatus.Canceled },
    };

    [Theory]
    [MemberData(nameof(PaymentStatuses))]
    public async Task Each_payment_status_maps_to_its_neutral_status(string status, PaymentStatus expected, string? failureCode)
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync(status);

        var outcome = await f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_1", reference, Money.Of(1000, "EUR")), CancellationToken.None);

        Assert.Equal((expected, reference, failureCode), (outcome.Status, outcome.ProviderReference, outcome.FailureCode));
        Assert.Equal(status == "open" ? $"https://www.mollie.com/checkout/select-method/{reference}" : null, outcome.NextActionUrl);
    }

    [Fact]
    public void The_theory_covers_every_documented_status()
    {
        Assert.Equal(MollieStatuses.PaymentStatuses.Order(StringComparer.Ordinal), PaymentStatuses.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
        Assert.Equal(MollieStatuses.RefundStatuses.Order(StringComparer.Ordinal), RefundStatuses.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RefundStatuses))]
    public async Task Each_refund_status_maps_to_its_neutral_status(string status, PaymentStatus expected)
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("paid");
        f.Fake.NextRefundStatus = status;

        var refund = await f.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", reference, Money.Of(1000, "EUR"), "idem-refund-1"), CancellationToken.None);

        Assert.Equal(expected, refund.Status);
        Assert.Equal(expected == PaymentStatus.Failed ? GatewayFailureCodes.GatewayRejected : null, refund.FailureCode);
        Assert.StartsWith("re_", refund.ProviderReference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_is_an_unexpected_response_not_a_guess()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("chargeback_pending");

        var ex = await Assert.ThrowsAsync<GatewayException>(() =>
            f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_1", reference, Money.Of(1000, "EUR")), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.UnexpectedResponse, "chargeback_pending"), (ex.Kind, ex.ProviderCode));
        Assert.True(ex.OutcomeUnknown);
    }
}
