using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Gateways.Swish;

namespace CleanPrepay.Gateways.ContractTests.Swish;

/// <summary>
/// Swish callbacks are unsigned: the body only names the object. Its status is fetched from Swish
/// over mutual TLS and only the fetched object counts, so a forged callback cannot pay anything.
/// </summary>
public sealed class SwishCallbackTests
{
    private static readonly string Id = SwishGateway.PaymentInstructionId(SwishTestbed.PaymentId);
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static WebhookRequest Callback(string body) => new(new Dictionary<string, string> { ["Content-Type"] = "application/json" }, Encoding.UTF8.GetBytes(body), Now);

    [Fact]
    public async Task A_forged_PAID_callback_for_a_request_Swish_still_has_as_CREATED_yields_the_fetched_status_not_a_payment()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        var forged = bed.Fake.Payment(Id);
        forged["status"] = "PAID";
        forged["paymentReference"] = "1E2FC19E5E5E4E18916609B7F8911C12";
        forged["datePaid"] = "2026-11-22T13:00:02.123+01:00";

        var verification = await bed.Gateway.VerifyWebhookAsync(Callback(forged.ToJsonString()), CancellationToken.None);

        Assert.True(verification.Verified, verification.Reason);
        var e = Assert.Single(verification.Events);
        Assert.Equal(($"{Id}:CREATED", GatewayEventSubject.Payment, Id, PaymentStatus.RequiresAction), (e.EventId, e.Subject, e.ProviderReference, e.Status));
        Assert.NotEqual(PaymentStatus.Succeeded, e.Status);
        Assert.Equal(("GET", $"/api/v1/paymentrequests/{Id}"), (bed.Fake.Requests.Last().Method, bed.Fake.Requests.Last().Path));
    }

    [Fact]
    public async Task A_genuine_PAID_callback_is_confirmed_by_the_fetch()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Pay(Id);

        var verification = await bed.Gateway.VerifyWebhookAsync(Callback(bed.Fake.Payment(Id).ToJsonString()), CancellationToken.None);

        var e = Assert.Single(verification.Events);
        Assert.Equal(($"{Id}:PAID", "payment_request", PaymentStatus.Succeeded), (e.EventId, e.Type, e.Status));
        Assert.Equal(PaymentStatus.Succeeded, e.ToOutcome().Status);
    }

    [Fact]
    public async Task Only_the_id_is_read_from_the_body_a_body_that_says_less_still_gets_the_fetched_end()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Set(Id, "ERROR", "TM01");

        var verification = await bed.Gateway.VerifyWebhookAsync(Callback($$"""{"id":"{{Id}}","status":"PAID"}"""), CancellationToken.None);

        var e = Assert.Single(verification.Events);
        Assert.Equal(($"{Id}:ERROR", PaymentStatus.Canceled, GatewayFailureCodes.Expired), (e.EventId, e.Status, e.FailureCode));
    }

    [Fact]
    public async Task A_DS24_callback_keeps_the_payment_pending()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Set(Id, "ERROR", "DS24");

        var verification = await bed.Gateway.VerifyWebhookAsync(Callback(bed.Fake.Payment(Id).ToJsonString()), CancellationToken.None);

        Assert.Equal(PaymentStatus.Pending, Assert.Single(verification.Events).Status);
    }

    [Fact]
    public async Task A_callback_for_an_id_Swish_does_not_know_is_rejected()
    {
        await using var bed = await SwishTestbed.StartAsync();

        var verification = await bed.Gateway.VerifyWebhookAsync(
            Callback("""{"id":"11A86BE70EA346E4B1C39C874173F088","status":"PAID","amount":100.00,"currency":"SEK"}"""), CancellationToken.None);

        Assert.False(verification.Verified);
        Assert.Empty(verification.Events);
        Assert.Equal("/api/v1/paymentrequests/11A86BE70EA346E4B1C39C874173F088", Assert.Single(bed.Fake.Requests).Path);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"status":"PAID"}""")]
    [InlineData("""{"id":42,"status":"PAID"}""")]
    [InlineData("""{"id":"../../api/v2/refunds/11A86BE70EA346E4B1C39C874173F088","status":"PAID"}""")]
    [InlineData("""{"id":"11A86BE7-0EA3-46E4-B1C3-9C874173F088","status":"PAID"}""")]
    public async Task A_malformed_callback_is_rejected_without_asking_Swish(string body)
    {
        await using var bed = await SwishTestbed.StartAsync();

        var verification = await bed.Gateway.VerifyWebhookAsync(Callback(body), CancellationToken.None);

        Assert.False(verification.Verified);
        Assert.Empty(bed.Fake.Requests);
    }

    [Theory]
    [InlineData("CREATED", null, PaymentStatus.Pending, null)]
    [InlineData("DEBITED", null, PaymentStatus.Pending, null)]
    [InlineData("PAID", null, PaymentStatus.Succeeded, null)]
    [InlineData("ERROR", "FF10", PaymentStatus.Failed, GatewayFailureCodes.ProcessingError)]
    public async Task A_refund_callback_is_fetched_from_the_refunds_API_and_every_refund_status_maps(
        string status, string? errorCode, PaymentStatus expected, string? failureCode)
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Pay(Id);
        const string RefundKey = "ref_0192f0c4a1b27c3d8e9f0011223344ee";
        var refund = await bed.Gateway.RefundAsync(new GatewayRefundRequest(RefundKey, Id, Money.Of(10_000, "SEK"), RefundKey), CancellationToken.None);
        var forged = bed.Fake.Refund(refund.ProviderReference!);
        forged["status"] = "PAID";
        bed.Fake.SetRefund(refund.ProviderReference!, status, errorCode);

        var verification = await bed.Gateway.VerifyWebhookAsync(Callback(forged.ToJsonString()), CancellationToken.None);

        var e = Assert.Single(verification.Events);
        Assert.Equal(
            ($"{refund.ProviderReference}:{status}", GatewayEventSubject.Refund, refund.ProviderReference, expected, failureCode),
            (e.EventId, e.Subject, e.ProviderReference, e.Status, e.FailureCode));
        Assert.Equal($"/api/v1/refunds/{refund.ProviderReference}", bed.Fake.Requests.Last().Path);
    }

    [Fact]
    public void The_refund_theory_covers_every_documented_refund_status()
    {
        var covered = typeof(SwishCallbackTests).GetMethod(nameof(A_refund_callback_is_fetched_from_the_refunds_API_and_every_refund_status_maps))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]!);

        Assert.Empty(SwishStatuses.RefundStatuses.Except(covered));
    }

    [Fact]
    public async Task Nothing_secret_reaches_the_logs_even_at_trace_level()
    {
        await using var bed = await SwishTestbed.StartAsync();
        var created = await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(payer: "0701234567"), CancellationToken.None);
        bed.Fake.Pay(Id);
        await bed.Gateway.SyncAsync(SwishTestbed.Lookup(created.ProviderReference), CancellationToken.None);
        await bed.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", Id, Money.Of(100, "SEK"), "ref_1"), CancellationToken.None);
        await bed.Gateway.VerifyWebhookAsync(Callback(bed.Fake.Payment(Id).ToJsonString()), CancellationToken.None);

        var log = string.Join('\n', bed.Host.LogLines);
        Assert.Contains($"api/v2/paymentrequests/{Id}", log, StringComparison.Ordinal); // the capture works
        Assert.Contains("Trace", log, StringComparison.Ordinal);
        Assert.DoesNotContain(SwishCertificatesForTests.Password, log, StringComparison.Ordinal);
        Assert.DoesNotContain(SwishTestbed.ClientPkcs12Base64[..40], log, StringComparison.Ordinal);
        Assert.DoesNotContain("46701234567", log, StringComparison.Ordinal); // the payer's number is personal data
        Assert.DoesNotContain(bed.Fake.Payment(Id).StringAt("paymentReference")!, log, StringComparison.Ordinal); // no body is logged
    }

    [Fact]
    public void The_options_never_print_their_secrets()
    {
        var options = new SwishOptions { PayeeAlias = "1231181189", CertificateBase64 = "MIIKcQIBAzCCCi", CertificatePassword = "s3cret" };

        Assert.Equal("SwishOptions", options.ToString());
        Assert.True(options.HasCredentials);
        Assert.False(new SwishOptions { PayeeAlias = "1231181189" }.HasCredentials);
    }
}
