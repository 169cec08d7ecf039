using System.Diagnostics;
using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Support;
using static CleanPrepay.Gateways.ContractTests.SecurionPay.SecurionPayFixture;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Gateways.ContractTests.SecurionPay;

/// <summary>Timeouts, retries and refusals through the real Polly pipeline, and no secret or token in any log line.</summary>
public sealed class SecurionPayResilienceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_charge_that_times_out_is_unavailable_and_never_sent_twice()
    {
        await using var f = await StartAsync(settings: ShortTimeouts);
        f.Fake.Override = r => r.Method == "POST" ? new FakeResponse(200, "{}", Delay: TimeSpan.FromSeconds(5)) : null;
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.CreatePaymentAsync(Request(), None));

        Assert.Equal((GatewayErrorKind.Unavailable, "timeout"), (ex.Kind, ex.ProviderCode));
        Assert.True(ex.OutcomeUnknown);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // a retry would have arrived by now
        // One attempt left the client (the innermost handler logs each one); a retry could charge twice.
        Assert.Equal(1, f.Attempts("POST"));
        Assert.InRange(f.Fake.Requests.Count, 0, 1); // on two busy cores the attempt may time out before it reaches the fake
    }

    [Fact]
    public async Task A_5xx_on_a_write_is_not_retried()
    {
        await using var f = await StartAsync();
        f.Fake.Override = _ => FakeSecurionPay.Error(503, "gateway_error", null, "Something went wrong on our side");

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.CreatePaymentAsync(Request(), None));

        Assert.Equal((GatewayErrorKind.Unavailable, "gateway_error"), (ex.Kind, ex.ProviderCode));
        Assert.Single(f.Fake.Requests);
    }

    [Fact]
    public async Task A_5xx_on_a_get_is_retried_and_the_second_answer_counts()
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync();
        var failures = 1;
        f.Fake.Override = r => r.Method == "GET" && Interlocked.Decrement(ref failures) >= 0
            ? FakeSecurionPay.Error(500, "gateway_error", null, "Something went wrong on our side")
            : null;

        var outcome = await f.Gateway.SyncAsync(Lookup(reference), None);

        Assert.Equal(PaymentStatus.Succeeded, outcome.Status);
        Assert.Equal(2, f.Fake.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A_refused_key_is_an_authentication_error_that_names_no_key()
    {
        const string wrongKey = "sk_test_wRoNgKeY98765432109876";
        await using var f = await StartAsync(secretKey: wrongKey);

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.CreatePaymentAsync(Request(), None));

        Assert.Equal((GatewayErrorKind.Authentication, "invalid_request"), (ex.Kind, ex.ProviderCode));
        Assert.Single(f.Fake.Requests);
        Assert.DoesNotContain(wrongKey, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_log_line_holds_the_secret_key_its_basic_credentials_or_the_card_token()
    {
        await using var f = await StartAsync();
        f.Fake.Declines["tok_declinedSecret42"] = "card_declined";
        var reference = await f.ChargeAsync(capture: false);
        await f.Gateway.CaptureAsync(Lookup(reference), "idem-capture-1", None);
        await f.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", reference, Money.Of(100, "EUR"), "idem-refund-1"), None);
        await f.Gateway.CreatePaymentAsync(Request(token: "tok_declinedSecret42"), None);
        await f.Gateway.VerifyWebhookAsync(SecurionPayWebhookTests.Json($$"""{"id":"{{f.Fake.LatestEvent(reference)}}"}"""), None);
        f.Fake.Override = _ => FakeSecurionPay.Error(401, "invalid_request", null, "Provided API key is missing or invalid");
        await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.CreatePaymentAsync(Request(), None));

        var lines = f.Host.LogLines.ToList();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeSecurionPay.SecretKey}:"));
        Assert.Contains(lines, l => l.Contains("/charges", StringComparison.Ordinal)); // canary: the HTTP calls were logged at all
        Assert.DoesNotContain(lines, l => l.Contains(FakeSecurionPay.SecretKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(basic, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("tok_declinedSecret42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_adapter_is_off_without_a_key()
    {
        await using var f = await StartAsync(secretKey: " ");

        Assert.Throws<InvalidOperationException>(() => f.Gateway);
    }
}
