using CleanPrepay.Application.Abstractions.Gateways;

namespace CleanPrepay.Gateways.ContractTests.Swish;

/// <summary>
/// Mutual TLS is Swish's only authentication: the handshake itself must carry our client certificate,
/// and we trust only the configured CA for Swish's server. A refused handshake is no answer
/// (Unavailable) and reaches nothing at Swish.
/// </summary>
public sealed class SwishMutualTlsTests
{
    [Fact]
    public async Task With_the_right_client_certificate_the_call_goes_through_and_Swish_sees_that_certificate()
    {
        await using var bed = await SwishTestbed.StartAsync();

        var outcome = await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);

        var put = Assert.Single(bed.Fake.Requests);
        Assert.Equal(SwishTestbed.Certificates.Client.Thumbprint, put.ClientCertificate?.Thumbprint);
        Assert.Equal(1, bed.Fake.PaymentCount);
        Assert.NotNull(outcome.ProviderReference);
    }

    [Fact]
    public async Task Without_a_client_certificate_the_handshake_fails_and_nothing_reaches_Swish()
    {
        // Forced on without a certificate (by default the adapter stays off without one).
        await using var bed = await SwishTestbed.StartAsync(s =>
        {
            s["Gateways:Swish:Enabled"] = "true";
            s["Gateways:Swish:CertificateBase64"] = null;
            s["Gateways:Swish:CertificatePassword"] = null;
        });

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.Unavailable, error.Kind);
        Assert.Empty(bed.Fake.Requests);
        Assert.Equal(0, bed.Fake.PaymentCount);
    }

    [Fact]
    public async Task With_a_certificate_Swish_did_not_issue_the_handshake_fails_and_nothing_reaches_Swish()
    {
        var stranger = Convert.ToBase64String(SwishCertificatesForTests.Pkcs12(SwishTestbed.Certificates.Stranger, null, "other-password"));
        await using var bed = await SwishTestbed.StartAsync(s =>
        {
            s["Gateways:Swish:CertificateBase64"] = stranger;
            s["Gateways:Swish:CertificatePassword"] = "other-password";
        });

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.SyncAsync(SwishTestbed.Lookup("11A86BE70EA346E4B1C39C874173F088"), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.Unavailable, error.Kind);
        Assert.Empty(bed.Fake.Requests);
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_than_the_pinned_one_is_refused_before_anything_is_sent()
    {
        await using var bed = await SwishTestbed.StartAsync(s =>
            s["Gateways:Swish:ServerCaCertificate"] = Convert.ToBase64String(SwishTestbed.Certificates.OtherCa.RawData));

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.Unavailable, error.Kind);
        Assert.Empty(bed.Fake.Requests);
        Assert.Equal(0, bed.Fake.PaymentCount);
    }

    [Fact]
    public async Task Without_a_pinned_CA_the_system_store_decides_and_does_not_know_the_test_CA()
    {
        await using var bed = await SwishTestbed.StartAsync(s => s["Gateways:Swish:ServerCaCertificate"] = null);

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.Unavailable, error.Kind);
        Assert.Empty(bed.Fake.Requests);
    }

    [Fact]
    public async Task The_certificate_and_the_CA_can_come_from_files()
    {
        var directory = Directory.CreateTempSubdirectory("swish-certs-");
        try
        {
            var p12 = Path.Combine(directory.FullName, "client.p12");
            var ca = Path.Combine(directory.FullName, "ca.pem");
            await File.WriteAllBytesAsync(p12, SwishCertificatesForTests.Pkcs12(SwishTestbed.Certificates.Client, SwishTestbed.Certificates.Ca, "file-password"));
            await File.WriteAllTextAsync(ca, SwishCertificatesForTests.Pem(SwishTestbed.Certificates.Ca));
            await using var bed = await SwishTestbed.StartAsync(s =>
            {
                s["Gateways:Swish:CertificateBase64"] = null;
                s["Gateways:Swish:ServerCaCertificate"] = null;
                s["Gateways:Swish:CertificatePath"] = p12;
                s["Gateways:Swish:CertificatePassword"] = "file-password";
                s["Gateways:Swish:ServerCaCertificatePath"] = ca;
            });

            await bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None);

            Assert.Equal(SwishTestbed.Certificates.Client.Thumbprint, Assert.Single(bed.Fake.Requests).ClientCertificate?.Thumbprint);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_certificate_password_is_an_authentication_fault_that_does_not_repeat_the_password()
    {
        await using var bed = await SwishTestbed.StartAsync(s => s["Gateways:Swish:CertificatePassword"] = "not-the-password-4711");

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None));

        Assert.Equal((GatewayErrorKind.Authentication, "client_certificate"), (error.Kind, error.ProviderCode));
        Assert.DoesNotContain("not-the-password-4711", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(bed.Fake.Requests);
    }

    [Fact]
    public async Task A_payee_alias_other_than_the_certificates_number_is_refused_with_403_and_nothing_is_created()
    {
        await using var bed = await SwishTestbed.StartAsync(s => s["Gateways:Swish:PayeeAlias"] = "1239999999");

        var error = await Assert.ThrowsAsync<GatewayException>(() => bed.Gateway.CreatePaymentAsync(SwishTestbed.Request(), CancellationToken.None));

        Assert.Equal(GatewayErrorKind.Authentication, error.Kind);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Fake.PaymentCount);
    }
}
