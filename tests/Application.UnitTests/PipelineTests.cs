using AutoMapper;
using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.Application.Common.Behaviours;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Application.Wallets.AdjustWallet;
using CleanPrepay.Application.Wallets.GetWallet;
using CleanPrepay.Application.Wallets.TopUpWallet;
using CleanPrepay.Application.Payments;
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.UnitTests;

public sealed class PipelineTests
{
    [Fact]
    public async Task Validation_failures_name_the_json_path_of_each_field()
    {
        var behaviour = new ValidationBehaviour<AdjustWalletCommand, Result<WalletTransactionDto>>([new AdjustWalletValidator()]);
        var called = false;

        var result = await behaviour.Handle(
            new AdjustWalletCommand("cus_1", null, new MoneyInput(-5, "eur"), null, ""),
            CancellationToken.None,
            () => { called = true; return Task.FromResult(Result<WalletTransactionDto>.Failure(Error.Conflict("unreachable"))); });

        Assert.False(called);
        Assert.Equal("validation_failed", result.Error!.Code);
        Assert.Equal(["amount.amount", "amount.currency", "direction", "reason"], result.Error.Fields!.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_customer_naming_another_customer_gets_not_found_before_any_handler_runs()
    {
        var behaviour = new AuthorizationBehaviour<GetWalletQuery, Result<WalletDto>>(new FakeUser(UserRole.Customer, "cus_me"));
        var called = false;

        var other = await behaviour.Handle(new GetWalletQuery("cus_other"), CancellationToken.None, () => { called = true; return Task.FromResult(Result<WalletDto>.Failure(Error.Conflict("x"))); });

        Assert.False(called);
        Assert.Equal("not_found", other.Error!.Code);
        var own = await behaviour.Handle(new GetWalletQuery("cus_me"), CancellationToken.None, () => Task.FromResult(Result<WalletDto>.Success(new WalletDto("wal", "cus_me", [], 0, false))));
        Assert.True(own.IsSuccess);
    }

    [Fact]
    public void Every_request_has_exactly_one_handler_and_the_mapping_configuration_is_valid()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication(null);
        services.AddSingleton<IPaymentGatewayRegistry>(new EmptyRegistry());
        var requestTypes = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();

        Assert.True(requestTypes.Count >= 18, $"only {requestTypes.Count} requests found");
        foreach (var request in requestTypes)
        {
            var response = request.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
            var handlers = services.Where(d => d.ServiceType == typeof(IRequestHandler<,>).MakeGenericType(request, response)).ToList();
            Assert.True(handlers.Count == 1, $"{request.Name} has {handlers.Count} handlers");
        }

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IMapper>().ConfigurationProvider.AssertConfigurationIsValid();
        Assert.NotEmpty(provider.GetServices<IValidator<TopUpWalletCommand>>());
    }

    [Fact]
    public void Payment_inputs_and_gateway_requests_never_print_their_token()
    {
        var input = new PaymentInput("sandbox", "pm_card_visa");
        var request = new GatewayPaymentRequest("pay_1", Money.Of(100, "EUR"), "pm_card_visa", "pay_1", "cus_1", "x");

        Assert.DoesNotContain("pm_card_visa", input.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pm_card_visa", request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("cus_01a1ff5f6b7375ca9e0ad60828ebe411")]
    [InlineData("12")]
    public void Cursors_round_trip(string key)
    {
        Assert.True(Cursor.TryDecode(Cursor.Encode(key), out var decoded));
        Assert.Equal(key, decoded);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("")]
    [InlineData(null)]
    public void Foreign_cursors_are_refused(string? cursor) => Assert.False(Cursor.TryDecode(cursor, out _));

    private sealed class FakeUser(UserRole role, string subject) : ICurrentUser
    {
        public UserRole Role => role;

        public string? Subject => subject;
    }

    private sealed class EmptyRegistry : IPaymentGatewayRegistry
    {
        public IReadOnlyCollection<string> Names => [];

        public IPaymentGateway? Find(string name) => null;
    }
}
