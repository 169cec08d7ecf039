using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Gateways.Swish;

namespace CleanPrepay.Gateways.ContractTests.Swish;

/// <summary>Refunds: the paid request's paymentReference is fetched, then a PUT on an id derived from our refund's key.</summary>
public sealed class SwishRefundTests
{
    private const string RefundId = "ref_0192f0c4a1b27c3d8e9f0011223344ee";
    private static readonly string PaymentInstruction = SwishGateway.PaymentInstructionId(SwishTestbed.PaymentId);
    private static readonly string RefundInstruction = SwishGateway.RefundInstructionId(RefundId);

    private static GatewayRefundRequest Refund(long ore = 2_500, string currency = "SEK") =>
        new(RefundId, PaymentInstruction, Money.Of(ore, currency), RefundId);

    [Fact]
    public async Task A_refund_fetches_the_payment_reference_and_PUTs_the_documented_body()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        var paymentReference = bed.Fake.Pay(PaymentInstruction);

        var outcome = await bed.Gateway.RefundAsync(Refund(), CancellationToken.None);

        var (get, put) = (bed.Fake.Requests[1], bed.Fake.Requests[2]);
        Assert.Equal(("GET", $"/api/v1/paymentrequests/{PaymentInstruction}"), (get.Method, get.Path));
        Assert.Equal(("PUT", $"/api/v2/refunds/{RefundInstruction}", "application/json"), (put.Method, put.Path, put.Header("Content-Type")));
        Assert.Equal(
            $$"""{"originalPaymentReference":"{{paymentReference}}","callbackUrl":"https://pay.example.com/v1/webhooks/swish","payerAlias":"1231181189","amount":"25.00","currency":"SEK"}""",
            put.Body);
        Assert.Equal(new GatewayRefundOutcome(PaymentStatus.Pending, RefundInstruction), outcome);
        Assert.Equal("CREATED", bed.Fake.Refund(RefundInstruction).StringAt("status"));
    }

    [Fact]
    public async Task Refunding_again_with_the_same_key_PUTs_the_same_id_and_Swish_holds_one_refund()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Pay(PaymentInstruction);

        var first = await bed.Gateway.RefundAsync(Refund(), CancellationToken.None);
        var second = await bed.Gateway.RefundAsync(Refund(), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, bed.Fake.RefundCount);
    }

    [Fact]
    public async Task A_payment_that_is_not_paid_is_not_refunded_and_nothing_is_PUT()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.RefundAsync(Refund(), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, "payment_not_paid"), (error.Kind, error.ProviderCode));
        Assert.Equal(["PUT", "GET"], bed.Fake.Requests.Select(r => r.Method));
        Assert.Equal(0, bed.Fake.RefundCount);
    }

    [Fact]
    public async Task More_than_remains_is_refused_by_Swish_as_an_invalid_request()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Pay(PaymentInstruction);

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.RefundAsync(Refund(ore: 10_001), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(0, bed.Fake.RefundCount);
    }

    [Fact]
    public async Task A_refund_in_another_currency_is_refused_before_any_call()
    {
        await using var bed = await SwishTestbed.StartAsync();

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.RefundAsync(Refund(currency: "EUR"), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, "currency_not_supported"), (error.Kind, error.ProviderCode));
        Assert.Empty(bed.Fake.Requests);
    }
}
