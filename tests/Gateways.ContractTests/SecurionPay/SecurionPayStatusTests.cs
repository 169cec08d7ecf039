using System.Text.Json.Nodes;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Gateways.SecurionPay;
using static CleanPrepay.Gateways.ContractTests.SecurionPay.SecurionPayFixture;

namespace CleanPrepay.Gateways.ContractTests.SecurionPay;

/// <summary>Every documented charge status, with the captured and refunded flags, read back over HTTP in the neutral set.</summary>
public sealed class SecurionPayStatusTests
{
    public static TheoryData<string, bool, bool, PaymentStatus> Charges => new()
    {
        { "successful", true, false, PaymentStatus.Succeeded },
        { "successful", true, true, PaymentStatus.Succeeded },     // taken, then refunded: our refunds are their own records
        { "successful", false, false, PaymentStatus.Authorized },  // captured: false holds the money
        { "successful", false, true, PaymentStatus.Canceled },     // an authorisation released by a full refund
        { "pending", false, false, PaymentStatus.Pending },
        { "pending", true, false, PaymentStatus.Pending },
        { "failed", false, false, PaymentStatus.Failed },
    };

    [Theory]
    [MemberData(nameof(Charges))]
    public async Task Each_charge_status_and_flags_map_to_the_neutral_status(string status, bool captured, bool refunded, PaymentStatus expected)
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync();
        f.Fake.SetCharge(reference, status, captured, refunded);

        var outcome = await f.Gateway.SyncAsync(Lookup(reference), CancellationToken.None);

        Assert.Equal((expected, reference), (outcome.Status, outcome.ProviderReference));
    }

    [Fact]
    public void The_theory_covers_every_documented_status()
    {
        Assert.Equal(SecurionPayStatuses.ChargeStatuses.Order(StringComparer.Ordinal), Charges.Select(row => (string)row[0]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_pending_charge_whose_flow_redirects_requires_the_payers_action()
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync();
        f.Fake.SetCharge(reference, "pending", captured: false, refunded: false, flow: new JsonObject
        {
            ["nextAction"] = "redirect",
            ["redirect"] = new JsonObject { ["redirectUrl"] = "https://securionpay.example/redirect/abc" },
        });

        var outcome = await f.Gateway.SyncAsync(Lookup(reference), CancellationToken.None);

        Assert.Equal(
            (PaymentStatus.RequiresAction, "redirect", "https://securionpay.example/redirect/abc"),
            (outcome.Status, outcome.NextActionType, outcome.NextActionUrl));
    }

    [Fact]
    public async Task An_unknown_status_is_an_unexpected_response_not_a_guess()
    {
        await using var f = await StartAsync();
        var reference = await f.ChargeAsync();
        f.Fake.SetCharge(reference, "chargeback", captured: true, refunded: false);

        var ex = await Assert.ThrowsAsync<GatewayException>(() => f.Gateway.SyncAsync(Lookup(reference), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.UnexpectedResponse, "chargeback"), (ex.Kind, ex.ProviderCode));
    }
}
