using System.Security.Cryptography;
using System.Text;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Payments;
using CleanPrepay.Infrastructure.Gateways.Swish;

namespace CleanPrepay.Gateways.ContractTests.Swish;

/// <summary>Payment requests as docs/reference/providers.md#swish documents them, against the fake over mutual TLS.</summary>
public sealed class SwishPaymentTests
{
    private static readonly string Id = SwishGateway.PaymentInstructionId(SwishTestbed.PaymentId);

    [Fact]
    public void The_instruction_id_is_a_version_8_UUID_from_SHA256_of_our_payment_id_and_never_changes()
    {
        // Recomputed here by hand: a change would orphan every payment created before the change.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("cleanprepay/swish/payment/" + SwishTestbed.PaymentId))[..16];
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);

        Assert.Equal(Convert.ToHexString(hash), Id);
        Assert.Matches("^[0-9A-F]{12}8[0-9A-F]{3}[89AB][0-9A-F]{15}$", Id);
        Assert.NotEqual(Id, SwishGateway.PaymentInstructionId("pay_0192f0c4a1b27c3d8e9f00112233aabc"));
        Assert.NotEqual(Id, SwishGateway.RefundInstructionId(SwishTestbed.PaymentId));
    }

    [Fact]
    public async Task Create_PUTs_the_documented_body_on_our_instruction_id_and_answers_the_app_link()
    {
        await using var bed = await SwishTestbed.StartAsync();

        var outcome = await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);

        var put = Assert.Single(bed.Fake.Requests);
        Assert.Equal(("PUT", $"/api/v2/paymentrequests/{Id}"), (put.Method, put.Path));
        Assert.Equal("application/json", put.Header("Content-Type"));
        Assert.Null(put.Header("Authorization"));
        Assert.Equal(
            """{"payeePaymentReference":"pay0192f0c4a1b27c3d8e9f00112233aabb","callbackUrl":"https://pay.example.com/v1/webhooks/swish","payeeAlias":"1231181189","amount":"100.00","currency":"SEK","message":"Wallet top up top 0192f0c4"}""",
            put.Body);
        var token = bed.Fake.TokenOf(Id);
        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.Equal(PaymentStatus.RequiresAction, outcome.Status);
        Assert.Equal(Id, outcome.ProviderReference);
        Assert.Equal("swish_app", outcome.NextActionType);
        Assert.Equal($"swish://paymentrequest?token={token}&callbackurl=https%3A%2F%2Fshop.example.com%2Fpaid%3Forder%3D42%26lang%3Dsv", outcome.NextActionUrl);
        Assert.Equal("CREATED", bed.Fake.Payment(Id).StringAt("status"));
    }

    [Fact]
    public async Task A_Swedish_mobile_number_becomes_the_payer_alias_the_request_is_pushed_to_and_there_is_no_link()
    {
        await using var bed = await SwishTestbed.StartAsync();
        var request = SwishTestbed.Request(payer: "+46 70-123 45 67") with { NotificationUrl = "https://hooks.example.com/swish/pay_1" };

        var outcome = await bed.Gateway.CreatePaymentAsync(request, CancellationToken.None);

        var put = Assert.Single(bed.Fake.Requests);
        Assert.Equal(
            """{"payeePaymentReference":"pay0192f0c4a1b27c3d8e9f00112233aabb","callbackUrl":"https://hooks.example.com/swish/pay_1","payerAlias":"46701234567","payeeAlias":"1231181189","amount":"100.00","currency":"SEK","message":"Wallet top up top 0192f0c4"}""",
            put.Body);
        Assert.Equal((PaymentStatus.RequiresAction, Id, "swish_app", (string?)null), (outcome.Status, outcome.ProviderReference, outcome.NextActionType, outcome.NextActionUrl));
    }

    [Theory]
    [InlineData("0701234567", "46701234567")]
    [InlineData("46701234567", "46701234567")]
    [InlineData("+46 73 123 45 67", "46731234567")]
    [InlineData("0046-76-1234567", "46761234567")]
    [InlineData("081234567", null)] // a Stockholm landline
    [InlineData("+4570123456", null)] // Danish
    [InlineData("pm_card_visa", null)]
    public void Only_Swedish_mobile_numbers_are_payment_methods(string method, string? alias)
    {
        Assert.Equal(alias, SwishGateway.PayerAlias(method));
        var gateway = new SwishGateway(null!, Microsoft.Extensions.Options.Options.Create(new SwishOptions()));
        Assert.Equal(alias is not null, gateway.AcceptsPaymentMethod(method));
        Assert.True(gateway.AcceptsPaymentMethod(null));
    }

    [Theory]
    [InlineData(10_000, "100.00")]
    [InlineData(1, "0.01")]
    [InlineData(100, "1.00")]
    [InlineData(12_345, "123.45")]
    [InlineData(99_999_999_999_999, "999999999999.99")]
    public void Amounts_are_strings_of_kronor_with_two_decimals(long ore, string expected) =>
        Assert.Equal(expected, SwishGateway.Amount(Money.Of(ore, "SEK")));

    [Fact]
    public async Task Swish_takes_SEK_only_capabilities_say_so_and_another_currency_is_refused_before_any_call()
    {
        await using var bed = await SwishTestbed.StartAsync();

        Assert.Equal(["SEK"], bed.Gateway.Capabilities.Currencies!);
        Assert.False(bed.Gateway.Capabilities.Supports("EUR"));
        Assert.False(bed.Gateway.Capabilities.RequiresPaymentMethod);
        Assert.True(bed.Gateway.Capabilities.Instant);
        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(currency: "EUR"), CancellationToken.None));
        Assert.Equal((GatewayErrorKind.InvalidRequest, "currency_not_supported"), (error.Kind, error.ProviderCode));
        Assert.Empty(bed.Fake.Requests);
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_is_retried_on_the_same_instruction_id_and_Swish_holds_one_request()
    {
        await using var bed = await SwishTestbed.StartAsync(s => s["Gateways:Swish:AttemptTimeout"] = "00:00:00.500");
        var first = true;
        bed.Fake.DelayFor = r => r.Method == "PUT" && Interlocked.Exchange(ref first, false) ? TimeSpan.FromSeconds(3) : null;

        var outcome = await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);

        var puts = bed.Fake.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, p => Assert.Equal($"/api/v2/paymentrequests/{Id}", p.Path));
        Assert.Equal(puts[0].Body, puts[1].Body);
        Assert.Equal(1, bed.Fake.PaymentCount);
        Assert.Equal(Id, outcome.ProviderReference);
    }

    [Fact]
    public async Task Creating_the_same_payment_twice_PUTs_the_same_id_and_gets_the_same_request_back()
    {
        await using var bed = await SwishTestbed.StartAsync();

        var first = await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        var second = await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);

        Assert.Equal(1, bed.Fake.PaymentCount);
        Assert.Equal(first, second);
        var other = await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(paymentId: "pay_0192f0c4a1b27c3d8e9f0011223300ff"), CancellationToken.None);
        Assert.NotEqual(first.ProviderReference, other.ProviderReference);
        Assert.Equal(2, bed.Fake.PaymentCount);
    }

    [Fact]
    public async Task A_422_from_Swish_is_an_invalid_request_carrying_Swishs_error_code()
    {
        await using var bed = await SwishTestbed.StartAsync();

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(ore: 50), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, "AM06"), (error.Kind, error.ProviderCode));
        Assert.Single(bed.Fake.Requests); // refused, so not repeated
        Assert.Equal(0, bed.Fake.PaymentCount);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "http://hooks.example.com/swish")]
    [InlineData("http://pay.example.com", null)]
    public async Task Without_an_HTTPS_callback_URL_the_create_fails_clearly_before_any_call(string? publicBaseUrl, string? notificationUrl)
    {
        await using var bed = await SwishTestbed.StartAsync(s => s["Gateways:Swish:PublicBaseUrl"] = publicBaseUrl);

        var error = await Assert.ThrowsAsync<GatewayException>(() =>
            bed.Gateway.CreatePaymentAsync(SwishTestbed.Request() with { NotificationUrl = notificationUrl }, CancellationToken.None));

        Assert.Equal((GatewayErrorKind.InvalidRequest, "RP03"), (error.Kind, error.ProviderCode));
        Assert.Contains("HTTPS", error.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Fake.Requests);
    }

    [Theory]
    [InlineData("Wallet top-up", "Wallet top up")]
    [InlineData("Order #42 – 3×Kaffe & bulle", "Order 42 3 Kaffe bulle")]
    [InlineData("Räksmörgås: \"bäst\"; (snart)?!", "Räksmörgås: \"bäst\"; (snart)?!")]
    [InlineData("   ", null)]
    [InlineData("An order description that goes on and on well beyond fifty characters", "An order description that goes on and on well beyo")]
    public void The_message_keeps_only_what_Swish_allows_at_most_50_characters(string description, string? expected)
    {
        var message = SwishGateway.Message(description);

        Assert.Equal(expected, message);
        Assert.True(message is null || message.Length <= 50);
    }

    [Theory]
    [InlineData("CREATED", null, PaymentStatus.RequiresAction, null)]
    [InlineData("PAID", null, PaymentStatus.Succeeded, null)]
    [InlineData("DECLINED", null, PaymentStatus.Failed, GatewayFailureCodes.Declined)]
    [InlineData("CANCELLED", null, PaymentStatus.Canceled, null)]
    [InlineData("ERROR", null, PaymentStatus.Failed, GatewayFailureCodes.ProcessingError)]
    [InlineData("ERROR", "RF07", PaymentStatus.Failed, GatewayFailureCodes.Declined)]
    [InlineData("DECLINED", "RF07", PaymentStatus.Failed, GatewayFailureCodes.Declined)]
    [InlineData("ERROR", "BANKIDCL", PaymentStatus.Canceled, GatewayFailureCodes.PayerCanceled)]
    [InlineData("ERROR", "TM01", PaymentStatus.Canceled, GatewayFailureCodes.Expired)]
    [InlineData("ERROR", "FF10", PaymentStatus.Failed, GatewayFailureCodes.ProcessingError)]
    [InlineData("ERROR", "DS24", PaymentStatus.Pending, null)]
    [InlineData("ERROR", "XX99", PaymentStatus.Failed, GatewayFailureCodes.ProcessingError)]
    public async Task Every_payment_status_and_error_code_syncs_to_its_neutral_status(string status, string? errorCode, PaymentStatus expected, string? failureCode)
    {
        await using var bed = await SwishTestbed.StartAsync();
        var created = await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Set(Id, status, errorCode);

        var outcome = await bed.Gateway.SyncAsync(SwishTestbed.Lookup(created.ProviderReference), CancellationToken.None);

        Assert.Equal((expected, Id, failureCode), (outcome.Status, outcome.ProviderReference, outcome.FailureCode));
        Assert.False(outcome.Unanswered);
        Assert.Equal(("GET", $"/api/v1/paymentrequests/{Id}"), (bed.Fake.Requests.Last().Method, bed.Fake.Requests.Last().Path));
        if (errorCode is not null and not "DS24")
        {
            Assert.Contains(errorCode, outcome.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_status_theory_covers_every_documented_status_and_error_code()
    {
        var cases = typeof(SwishPaymentTests).GetMethod(nameof(Every_payment_status_and_error_code_syncs_to_its_neutral_status))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => a.GetData(null!).Single()).ToList();

        Assert.Empty(SwishStatuses.PaymentStatuses.Except(cases.Select(c => (string)c[0]!)));
        Assert.Empty(SwishStatuses.ErrorCodes.Except(cases.Select(c => c[1] as string).OfType<string>()));
    }

    [Fact]
    public async Task An_unknown_status_is_an_unexpected_answer_never_a_failure()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Set(Id, "SOMETHING_NEW");

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.SyncAsync(SwishTestbed.Lookup(Id), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.UnexpectedResponse, error.Kind);
        Assert.True(error.OutcomeUnknown);
    }

    [Fact]
    public async Task A_payment_whose_create_timed_out_is_found_from_our_id_alone_or_left_unanswered()
    {
        await using var bed = await SwishTestbed.StartAsync();

        var before = await bed.Gateway.SyncAsync(SwishTestbed.Lookup(null), CancellationToken.None);
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Pay(Id);
        var after = await bed.Gateway.SyncAsync(SwishTestbed.Lookup(null), CancellationToken.None);

        Assert.True(before.Unanswered);
        Assert.Equal((PaymentStatus.Succeeded, Id), (after.Status, after.ProviderReference));
    }

    [Fact]
    public async Task Capture_has_nothing_to_do_and_answers_the_current_status()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Pay(Id);

        var outcome = await bed.Gateway.CaptureAsync(SwishTestbed.Lookup(Id), "pay_x_capture", CancellationToken.None);

        Assert.Equal(PaymentStatus.Succeeded, outcome.Status);
        Assert.Equal(["PUT", "GET"], bed.Fake.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Cancel_while_CREATED_PATCHes_the_status_to_cancelled_as_json_patch()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);

        var outcome = await bed.Gateway.CancelAsync(SwishTestbed.Lookup(Id), "pay_x_cancel", CancellationToken.None);

        var patch = bed.Fake.Requests.Last();
        Assert.Equal(("PATCH", $"/api/v1/paymentrequests/{Id}", "application/json-patch+json"), (patch.Method, patch.Path, patch.Header("Content-Type")));
        Assert.Equal("""[{"op":"replace","path":"/status","value":"cancelled"}]""", patch.Body);
        Assert.Equal((PaymentStatus.Canceled, Id), (outcome.Status, outcome.ProviderReference));
        Assert.Equal("CANCELLED", bed.Fake.Payment(Id).StringAt("status"));
    }

    [Fact]
    public async Task Cancel_after_the_payer_paid_gets_RP07_and_answers_the_paid_status()
    {
        await using var bed = await SwishTestbed.StartAsync();
        await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);
        bed.Fake.Pay(Id);

        var outcome = await bed.Gateway.CancelAsync(SwishTestbed.Lookup(Id), "pay_x_cancel", CancellationToken.None);

        Assert.Equal(PaymentStatus.Succeeded, outcome.Status);
        Assert.Equal(["PUT", "PATCH", "GET"], bed.Fake.Requests.Select(r => r.Method));
        Assert.Equal("PAID", bed.Fake.Payment(Id).StringAt("status"));
    }

    [Fact]
    public async Task A_timeout_is_unavailable_never_a_failure()
    {
        await using var bed = await SwishTestbed.StartAsync(s =>
        {
            s["Gateways:Swish:AttemptTimeout"] = "00:00:00.300";
            s["Gateways:Swish:TotalTimeout"] = "00:00:00.300";
        });
        bed.Fake.DelayFor = _ => TimeSpan.FromSeconds(5);

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.SyncAsync(SwishTestbed.Lookup(Id), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.Unavailable, "timeout"), (error.Kind, error.ProviderCode));
        Assert.True(error.OutcomeUnknown);
    }
}
