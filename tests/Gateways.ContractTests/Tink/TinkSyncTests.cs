using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Gateways.Tink;

namespace CleanPrepay.Gateways.ContractTests.Tink;

/// <summary>A payment request has no state of its own: its transfers have. Sync, cancel, capture and refund.</summary>
public sealed class TinkSyncTests
{
    [Theory]
    [InlineData("CREATED", PaymentStatus.Pending, null)]
    [InlineData("AWAITING_CREDENTIALS", PaymentStatus.Pending, null)]
    [InlineData("SENT", PaymentStatus.Succeeded, null)]
    [InlineData("SETTLED", PaymentStatus.Succeeded, null)]
    [InlineData("SETTLED_PAYER", PaymentStatus.Succeeded, null)]
    [InlineData("SETTLED_PAYEE", PaymentStatus.Succeeded, null)]
    [InlineData("CANCELLED", PaymentStatus.Canceled, GatewayFailureCodes.PayerCanceled)]
    [InlineData("FAILED", PaymentStatus.Failed, GatewayFailureCodes.Declined)]
    public async Task Every_transfer_status_syncs_to_its_neutral_status(string status, PaymentStatus expected, string? failureCode)
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();
        bed.Fake.AddTransfer(id, status, status == "FAILED" ? "The bank rejected the payment." : null);

        var outcome = await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);

        Assert.Equal((expected, id, failureCode), (outcome.Status, outcome.ProviderReference, outcome.FailureCode));
        var get = bed.Fake.ApiRequests.Last();
        Assert.Equal(("GET", $"/api/v1/payments/requests/{id}/transfers"), (get.Method, get.Path));
        Assert.StartsWith("Bearer ", get.Header("Authorization"), StringComparison.Ordinal);
        if (status == "FAILED")
        {
            Assert.Equal("The bank rejected the payment.", outcome.FailureMessage);
        }
    }

    [Fact]
    public void The_status_theory_covers_every_documented_transfer_status()
    {
        var covered = typeof(TinkSyncTests).GetMethod(nameof(Every_transfer_status_syncs_to_its_neutral_status))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]!);

        Assert.Equal(TinkStatuses.TransferStatuses.Order(), covered.Order());
    }

    [Fact]
    public async Task Without_transfers_the_payer_has_not_started_and_still_has_to_act()
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();

        var outcome = await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None);

        Assert.Equal((PaymentStatus.RequiresAction, id), (outcome.Status, outcome.ProviderReference));
        Assert.False(outcome.Unanswered);

        // Reconciliation cancels only long after Tink's 9-minute window: an unstarted request is over.
        var canceled = await bed.Gateway.CancelAsync(TinkTestbed.Lookup(id), "pay_x_cancel", CancellationToken.None);
        Assert.Equal((PaymentStatus.Canceled, GatewayFailureCodes.Expired), (canceled.Status, canceled.FailureCode));
    }

    [Theory]
    [InlineData("FAILED,SENT", PaymentStatus.Succeeded)]
    [InlineData("SETTLED,CANCELLED", PaymentStatus.Succeeded)]
    [InlineData("FAILED,AWAITING_CREDENTIALS", PaymentStatus.Pending)]
    [InlineData("FAILED,CANCELLED", PaymentStatus.Canceled)]
    [InlineData("CANCELLED,FAILED", PaymentStatus.Failed)]
    public async Task With_several_transfers_a_success_wins_then_one_still_running_then_the_last_end(string statuses, PaymentStatus expected)
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();
        foreach (var status in statuses.Split(','))
        {
            bed.Fake.AddTransfer(id, status);
        }

        Assert.Equal(expected, (await bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task An_undocumented_status_is_an_unexpected_answer_never_a_failure()
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();
        bed.Fake.AddTransfer(id, "PARTIALLY_SENT");

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.SyncAsync(TinkTestbed.Lookup(id), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.UnexpectedResponse, error.Kind);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task A_payment_whose_creation_answer_was_lost_is_canceled_not_failed_without_a_call_because_no_payer_can_reach_it()
    {
        await using var bed = await TinkTestbed.StartAsync();

        var outcome = await bed.Gateway.SyncAsync(TinkTestbed.Lookup(null), CancellationToken.None);

        Assert.Equal((PaymentStatus.Canceled, GatewayFailureCodes.Expired), (outcome.Status, outcome.FailureCode));
        Assert.False(outcome.Unanswered);
        Assert.Empty(bed.Fake.Requests);
    }

    [Fact]
    public async Task An_unknown_payment_request_is_not_found()
    {
        await using var bed = await TinkTestbed.StartAsync();

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.SyncAsync(TinkTestbed.Lookup("0000000000000000000000000000dead"), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.NotFound, "payment_request.not_found"), (error.Kind, error.ProviderCode));
    }

    [Theory]
    [InlineData("AWAITING_CREDENTIALS", PaymentStatus.Pending)]
    [InlineData("CANCELLED", PaymentStatus.Canceled)] // what Tink does itself to a flow left for 9 minutes
    [InlineData("SETTLED", PaymentStatus.Succeeded)]
    public async Task Cancel_has_no_call_at_Tink_and_answers_the_synced_status(string transfer, PaymentStatus expected)
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();
        bed.Fake.AddTransfer(id, transfer);

        var outcome = await bed.Gateway.CancelAsync(TinkTestbed.Lookup(id), "pay_x_cancel", CancellationToken.None);

        Assert.Equal(expected, outcome.Status);
        Assert.Equal(["POST", "GET"], bed.Fake.ApiRequests.Select(r => r.Method));
    }

    [Fact]
    public async Task Capture_has_nothing_to_take_and_answers_the_synced_status()
    {
        await using var bed = await TinkTestbed.StartAsync();
        var id = await bed.CreateAsync();
        bed.Fake.AddTransfer(id, "SETTLED");

        var outcome = await bed.Gateway.CaptureAsync(TinkTestbed.Lookup(id), "pay_x_capture", CancellationToken.None);

        Assert.Equal(PaymentStatus.Succeeded, outcome.Status);
        Assert.Equal(["POST", "GET"], bed.Fake.ApiRequests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_refund_fails_at_once_as_not_supported_without_any_call()
    {
        await using var bed = await TinkTestbed.StartAsync();

        var outcome = await bed.Gateway.RefundAsync(
            new GatewayRefundRequest("ref_1", "0192f0c4a1b27c3d8e9f00112233aabb", Money.Of(500, "SEK"), "ref_1"), CancellationToken.None);

        Assert.Equal(new GatewayRefundOutcome(PaymentStatus.Failed, null, "refund_not_supported"), outcome);
        Assert.Empty(bed.Fake.Requests);
    }
}
