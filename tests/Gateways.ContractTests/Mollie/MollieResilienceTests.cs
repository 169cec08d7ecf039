using System.Diagnostics;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Gateways.ContractTests.Support;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Gateways.ContractTests.Mollie;

/// <summary>Timeouts, retries and refusals through the real Polly pipeline, and no secret in any log line.</summary>
public sealed class MollieResilienceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_create_that_times_out_is_unavailable_and_retried_only_with_its_idempotency_key()
    {
        await using var f = await MollieFixture.StartAsync(settings: MollieFixture.ShortTimeouts);
        f.Fake.Override = r => r.Method == "POST" ? new FakeResponse(201, "{}", Delay: TimeSpan.FromSeconds(5)) : null;
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.CreatePaymentAsync(MollieFixture.Request(), None));

        Assert.Equal(GatewayErrorKind.Unavailable, ex.Kind);
        Assert.True(ex.OutcomeUnknown);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        // 1 attempt + MaxRetries (2), counted where they leave the client (the innermost handler logs each one): safe,
        // because every attempt carries the same key and Mollie answers a repeat with the first answer.
        Assert.Equal(3, f.Attempts("POST"));
        Assert.All(f.Fake.Requests, a => Assert.Equal("idem-create-1", a.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task A_5xx_on_a_get_is_retried_and_the_second_answer_counts()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("paid");
        var failures = 1;
        f.Fake.Override = r => r.Method == "GET" && Interlocked.Decrement(ref failures) >= 0
            ? FakeMollie.Error(502, "Bad Gateway", "Try again.")
            : null;

        var outcome = await f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_1", reference, Money.Of(1000, "EUR")), None);

        Assert.Equal(PaymentStatus.Succeeded, outcome.Status);
        Assert.Equal(2, f.Fake.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A_refused_key_is_an_authentication_error_that_names_no_key()
    {
        const string wrongKey = "test_wRoNgKeY0123456789abcdefghij";
        await using var f = await MollieFixture.StartAsync(apiKey: wrongKey);

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.CreatePaymentAsync(MollieFixture.Request(), None));

        Assert.Equal(GatewayErrorKind.Authentication, ex.Kind);
        Assert.Equal("Unauthorized Request", ex.ProviderCode);
        Assert.Single(f.Fake.Requests); // a 401 is not retried
        Assert.DoesNotContain(wrongKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_log_line_holds_the_api_key()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("paid");
        await f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_1", reference, Money.Of(1000, "EUR")), None);
        await f.Gateway.RefundAsync(new GatewayRefundRequest("ref_1", reference, Money.Of(100, "EUR"), "idem-refund-1"), None);
        await f.Gateway.VerifyWebhookAsync(MollieWebhookTests.Form($"id={reference}"), None);
        f.Fake.Override = _ => FakeMollie.Error(401, "Unauthorized Request", "Missing authentication, or failed to authenticate");
        await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.SyncAsync(new GatewayPaymentLookup("pay_1", reference, Money.Of(1000, "EUR")), None));

        var lines = f.Host.LogLines.ToList();
        Assert.Contains(lines, l => l.Contains("/v2/payments", StringComparison.Ordinal)); // canary: the HTTP calls were logged at all
        Assert.DoesNotContain(lines, l => l.Contains(FakeMollie.ApiKey, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("fAkEmOlLiE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_adapter_is_off_without_a_key()
    {
        await using var f = await MollieFixture.StartAsync(apiKey: "");

        Assert.Throws<InvalidOperationException>(() => f.Gateway);
    }
}
