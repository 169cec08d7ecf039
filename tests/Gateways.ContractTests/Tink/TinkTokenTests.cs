using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Gateways.ContractTests.Support;

namespace CleanPrepay.Gateways.ContractTests.Tink;

/// <summary>The client-credentials token: one fetch shared by every call and caller until shortly before it expires.</summary>
public sealed class TinkTokenTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task One_token_serves_every_call_while_it_lives()
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();

        for (var i = 0; i < 3; i++)
        {
            await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);
        }

        Assert.Single(bed.Fake.TokenRequests);
        var token = Assert.Single(bed.Fake.IssuedTokens);
        Assert.Equal(4, bed.Fake.ApiRequests.Count);
        Assert.All(bed.Fake.ApiRequests, r => Assert.Equal($"Bearer {token}", r.Header("Authorization")));
    }

    [Fact]
    public async Task Concurrent_callers_wait_for_the_one_fetch_in_progress()
    {
        await using var bed = await TinkTestbed.StartAsync();
        bed.Fake.TokenDelay = TimeSpan.FromMilliseconds(400);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            Task.Run(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(), CancellationToken.None))));

        Assert.Single(bed.Fake.TokenRequests);
        Assert.Equal(12, bed.Fake.ApiRequests.Count);
    }

    [Fact]
    public async Task A_token_is_replaced_a_margin_before_it_expires()
    {
        var time = new ManualTime(Start);
        await using var bed = await TinkTestbed.StartAsync(time: time);
        var id = await bed.CreateAsync();

        time.Advance(TimeSpan.FromSeconds(1800 - 60 - 1));
        await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);
        var beforeMargin = bed.Fake.TokenRequests.Count;
        time.Advance(TimeSpan.FromSeconds(2));
        await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);
        await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);

        Assert.Equal(1, beforeMargin);
        Assert.Equal(2, bed.Fake.TokenRequests.Count);
        var tokens = bed.Fake.IssuedTokens;
        Assert.Equal(
            [$"Bearer {tokens[0]}", $"Bearer {tokens[0]}", $"Bearer {tokens[1]}", $"Bearer {tokens[1]}"],
            bed.Fake.ApiRequests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task A_short_lived_token_keeps_at_least_half_its_life()
    {
        var time = new ManualTime(Start);
        await using var bed = await TinkTestbed.StartAsync(time: time);
        bed.Fake.ExpiresIn = 40; // less than the 60 s margin
        var id = await bed.CreateAsync();

        time.Advance(TimeSpan.FromSeconds(19));
        await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);

        Assert.Equal(2, bed.Fake.TokenRequests.Count);
        Assert.Equal(2, bed.Fake.ApiRequests.Select(r => r.Header("Authorization")).Distinct().Count());
    }

    [Fact]
    public async Task A_401_drops_the_token_and_the_call_is_sent_once_more_with_a_new_one()
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();
        bed.Fake.Revoke(bed.Fake.IssuedTokens[0]);
        bed.Fake.AddTransfer(id, "SETTLED");

        var outcome = await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);

        Assert.Equal(CleanPrepay.Domain.Payments.PaymentStatus.Succeeded, outcome.Status);
        Assert.Equal(2, bed.Fake.TokenRequests.Count);
        var tokens = bed.Fake.IssuedTokens;
        Assert.Equal(
            [$"Bearer {tokens[0]}", $"Bearer {tokens[0]}", $"Bearer {tokens[1]}"],
            bed.Fake.ApiRequests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task A_second_401_is_an_authentication_fault_and_not_retried_again()
    {
        await using var bed = await TinkTestbed.StartAsync();
        bed.Fake.Override = r => r.Path.StartsWith("/api/v1/payments", StringComparison.Ordinal)
            ? FakeResponse.Json(401, """{"errorMessage":"Token revoked.","errorCode":"authentication.invalid_token"}""")
            : null;

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.Authentication, "authentication.invalid_token"), (error.Kind, error.ProviderCode));
        Assert.Equal(2, bed.Fake.TokenRequests.Count);
        Assert.Equal(2, bed.Fake.ApiRequests.Count);
    }

    [Fact]
    public async Task Wrong_client_credentials_are_an_authentication_fault_and_no_payment_request_is_sent()
    {
        await using var bed = await TinkTestbed.StartAsync(s => s["Gateways:Tink:ClientSecret"] = "not-the-secret");

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.Authentication, "invalid_client"), (error.Kind, error.ProviderCode));
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(bed.Fake.ApiRequests);
    }

    [Fact]
    public async Task A_token_answer_without_a_lifetime_is_unexpected()
    {
        await using var bed = await TinkTestbed.StartAsync();
        bed.Fake.Override = r => r.Path == "/api/v1/oauth/token" ? FakeResponse.Json(200, """{"access_token":"tink_at_x","token_type":"bearer"}""") : null;

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(TinkTestbed.Request(), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.UnexpectedResponse, error.Kind);
        Assert.Empty(bed.Fake.ApiRequests);
    }
}
