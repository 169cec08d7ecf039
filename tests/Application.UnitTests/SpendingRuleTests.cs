using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Coupons.ApplyCouponToAccount;
using CleanPrepay.Application.Coupons.ApplyCouponToOrder;
using CleanPrepay.Application.Coupons.ApplyCouponToSubscription;
using CleanPrepay.Application.Orders;
using CleanPrepay.Application.Orders.PlaceOrder;
using CleanPrepay.Application.Wallets.AdjustWallet;

namespace CleanPrepay.Application.UnitTests;

/// <summary>The inactive-account rule holds for every command that moves a named customer's money, not just the ones someone remembered.</summary>
public sealed class SpendingRuleTests
{
    private static readonly Type[] Requests = typeof(PlaceOrderCommand).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPhasedCommand<>)))
        .ToArray();

    [Fact]
    public void Every_phased_command_for_a_named_customer_is_customer_spending()
    {
        // Two exceptions: support corrects an inactive account's balance too (InactiveCustomerTests), and an inactive
        // customer may still revoke a saved payment method, which only takes a way of charging away (ADR 0038).
        var missing = Requests.Where(t => typeof(ICustomerScoped).IsAssignableFrom(t) && !typeof(ICustomerSpending).IsAssignableFrom(t))
            .Where(t => t != typeof(AdjustWalletCommand) && t != typeof(CleanPrepay.Application.PaymentMethods.DeletePaymentMethod.DeletePaymentMethodCommand))
            .Select(t => t.Name).ToList();

        Assert.True(missing.Count == 0, "not ICustomerSpending: " + string.Join(", ", missing));
    }

    [Fact]
    public void Canary_the_rule_sees_the_money_commands()
    {
        Assert.Contains(typeof(PlaceOrderCommand), Requests);
        Assert.True(Requests.Length >= 5);
        Assert.True(typeof(ICustomerSpending).IsAssignableFrom(typeof(ApplyCouponToOrderCommand)));
        Assert.True(typeof(ICustomerSpending).IsAssignableFrom(typeof(ApplyCouponToSubscriptionCommand)));
        Assert.True(typeof(ICustomerSpending).IsAssignableFrom(typeof(ApplyCouponToAccountCommand)));
    }
}
