using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Infrastructure.Gateways.Tink;

namespace CleanPrepay.Gateways.ContractTests.Tink;

/// <summary>The client secret, the webhook secret and the access tokens never reach a log line, at any level.</summary>
public sealed class TinkLogTests
{
    [Fact]
    public async Task Nothing_secret_reaches_the_logs_even_at_trace_level()
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();
        bed.Fake.Revoke(bed.Fake.IssuedTokens[0]); // a 401 and a second token, logged too
        bed.Fake.AddTransfer(id, "FAILED", "Declined by the bank");
        await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);
        var body = TinkWebhookTests.Event();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await bed.Gateway.VerifyWebhookAsync(
            new WebhookRequest(
                new Dictionary<string, string> { ["X-Tink-Signature"] = $"t={t},v1={TinkWebhookTests.Sign(body, TinkTestbed.WebhookSecret, t)}" },
                Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow),
            CancellationToken.None);
        await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(currency: "USD"), CancellationToken.None));

        var log = string.Join('\n', bed.Host.LogLines);
        Assert.Contains("api/v1/payments/requests", log, StringComparison.Ordinal); // the capture works
        Assert.Contains("Trace", log, StringComparison.Ordinal);
        Assert.Equal(2, bed.Fake.IssuedTokens.Count);
        Assert.DoesNotContain(FakeTink.ClientSecret, log, StringComparison.Ordinal);
        Assert.DoesNotContain(TinkTestbed.WebhookSecret, log, StringComparison.Ordinal);
        Assert.All(bed.Fake.IssuedTokens, token => Assert.DoesNotContain(token, log, StringComparison.Ordinal));
    }

    [Fact]
    public void The_options_never_print_their_secrets()
    {
        var options = new TinkOptions { ClientId = "id", ClientSecret = "s3cret", WebhookSecret = "wh-s3cret" };

        Assert.Equal("TinkOptions", options.ToString());
        Assert.True(options.HasCredentials);
        Assert.False(new TinkOptions { ClientId = "id" }.HasCredentials);
    }
}
