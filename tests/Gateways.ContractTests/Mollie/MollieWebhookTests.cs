using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Gateways.ContractTests.Mollie;

/// <summary>Classic Mollie webhooks: <c>id=tr_…</c>, no signature; the payment fetched with our key is the only truth.</summary>
public sealed class MollieWebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static WebhookRequest Form(string body) =>
        new(new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, Encoding.UTF8.GetBytes(body), Now);

    [Fact]
    public async Task A_notification_yields_the_fetched_status_once_per_status()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("paid");

        var verified = await f.Gateway.VerifyWebhookAsync(Form($"id={reference}"), CancellationToken.None);

        Assert.True(verified.Verified, verified.Reason);
        var e = Assert.Single(verified.Events);
        Assert.Equal(
            ($"{reference}:paid", "payment.paid", GatewayEventSubject.Payment, reference, PaymentStatus.Succeeded, "pay_1"),
            (e.EventId, e.Type, e.Subject, e.ProviderReference, e.Status, e.PaymentReference));
        var fetch = f.Fake.Requests[^1];
        Assert.Equal(("GET", $"/v2/payments/{reference}", $"Bearer {FakeMollie.ApiKey}"), (fetch.Method, fetch.Path, fetch.Header("Authorization")));

        // A re-delivery of the same status is the same fact; a later status is a new one.
        var again = await f.Gateway.VerifyWebhookAsync(Form($"id={reference}"), CancellationToken.None);
        Assert.Equal(e.EventId, Assert.Single(again.Events).EventId);
    }

    [Fact]
    public async Task A_new_status_is_a_new_event()
    {
        await using var f = await MollieFixture.StartAsync();
        var reference = await f.PaymentInAsync("authorized", capture: false);
        var authorized = Assert.Single((await f.Gateway.VerifyWebhookAsync(Form($"id={reference}"), CancellationToken.None)).Events);

        f.Fake.SetStatus(reference, "failed");
        var failed = Assert.Single((await f.Gateway.VerifyWebhookAsync(Form($"id={reference}&"), CancellationToken.None)).Events);

        Assert.Equal((PaymentStatus.Authorized, $"{reference}:authorized"), (authorized.Status, authorized.EventId));
        Assert.Equal((PaymentStatus.Failed, $"{reference}:failed", GatewayFailureCodes.Declined), (failed.Status, failed.EventId, failed.FailureCode));
    }

    [Fact]
    public async Task An_id_mollie_does_not_know_is_accepted_with_no_events()
    {
        await using var f = await MollieFixture.StartAsync();

        var verified = await f.Gateway.VerifyWebhookAsync(Form("id=tr_Unknown123"), CancellationToken.None);

        Assert.True(verified.Verified);
        Assert.Empty(verified.Events);
        Assert.Equal("/v2/payments/tr_Unknown123", Assert.Single(f.Fake.Requests).Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("id=")]
    [InlineData("payment=tr_Fake0001")]
    [InlineData("id=pi_123")]
    [InlineData("id=tr_Fake0001/../../v2/refunds")]
    [InlineData("id=tr_a&id=tr_b")]
    [InlineData("{\"id\":\"tr_Fake0001\"}")]
    public async Task A_body_without_a_payment_id_is_rejected_without_calling_mollie(string body)
    {
        await using var f = await MollieFixture.StartAsync();

        var verified = await f.Gateway.VerifyWebhookAsync(Form(body), CancellationToken.None);

        Assert.False(verified.Verified);
        Assert.Empty(verified.Events);
        Assert.Empty(f.Fake.Requests);
    }

    [Fact]
    public async Task When_mollie_cannot_be_asked_the_notification_is_not_verified_but_unavailable()
    {
        await using var f = await MollieFixture.StartAsync();
        f.Fake.Override = _ => FakeMollie.Error(503, "Service Unavailable", "Try again later.");

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.VerifyWebhookAsync(Form("id=tr_Fake0001"), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.Unavailable, ex.Kind);
    }
}
