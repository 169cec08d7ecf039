using CleanPrepay.Application.Common.Behaviours;
using System.Reflection;
using CleanPrepay.Application.Payments.Charging;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.Application;

public static class DependencyInjection
{
    /// <summary>
    /// MediatR 5.1.0 has no DI package: the mediator, handlers, validators and the behaviours are
    /// registered here. Behaviour order is registration order: logging → authorization → validation →
    /// active customer → unit of work → handler.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, string? autoMapperLicenseKey)
    {
        var assembly = typeof(DependencyInjection).Assembly;
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(INotificationHandler<>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)).Where(IsRequestValidator), publicOnly: false).AsImplementedInterfaces().WithSingletonLifetime());

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ActiveCustomerBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));

        // Validators are stateless: built once, not per request. Validators of nested inputs (money, offers)
        // are composed by hand inside the request validators, so only request validators are registered.
        services.AddScoped<GatewayChoice>();
        services.AddScoped<SavedMethodChoice>();
        services.AddScoped<GatewayCalls>();
        services.AddScoped<SettlementCore>();
        services.AddScoped<ChargePipeline>();
        AddChargeSettlers(services, assembly);
        services.AddSingleton<ReturnUrlPolicy>();
        services.AddScoped<Payments.RefundPayment.RefundSettlement>();
        services.AddScoped<Payments.Reconciliation.IPaymentReconciliation, Payments.Reconciliation.PaymentReconciliation>();
        services.AddScoped<Orders.OrderFulfilment>();
        services.AddScoped<Orders.OrderGrantReversal>();
        services.AddScoped<Orders.OrderCharger>();
        services.AddScoped<Orders.IPrepaymentSettler, Subscriptions.PrepaymentSettler>();
        services.AddScoped<Coupons.CouponRedeemer>();
        services.AddScoped<PaymentMethods.ProviderCustomers>();
        services.AddScoped<PaymentMethods.SavedMethodSetups>();
        services.AddScoped<ISavedMethods, PaymentMethods.SavedMethodsForCharges>();
        services.AddSingleton<Wallets.AutoTopUps.AutoTopUpSignal>();
        services.AddScoped<Wallets.AutoTopUps.IAutoTopUps, Wallets.AutoTopUps.AutoTopUpPass>();
        services.AddScoped<Subscriptions.SubscriptionReads>();
        services.AddScoped<Subscriptions.SubscriptionCoupons>();
        services.AddScoped<Notifications.PrepaymentNotifier>();
        services.AddScoped<Notifications.AccountNotifier>();
        services.AddScoped<Subscriptions.ISubscriptionBilling, Subscriptions.SubscriptionBilling>();
        services.AddSingleton<Settings.SettingsCache>();
        services.AddAutoMapper(cfg => cfg.LicenseKey = autoMapperLicenseKey, assembly);
        return services;
    }

    /// <summary>Each <see cref="IChargeSettler"/>, keyed by the purpose its <see cref="ChargeSettlerAttribute"/> names.</summary>
    private static void AddChargeSettlers(IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IChargeSettler).IsAssignableFrom(t)))
        {
            var purpose = type.GetCustomAttribute<ChargeSettlerAttribute>()?.Purpose
                ?? throw new InvalidOperationException($"{type.Name} settles no purpose: mark it [ChargeSettler(...)].");
            services.AddKeyedScoped(typeof(IChargeSettler), purpose, type);
        }
    }

    private static bool IsRequestValidator(Type validator)
    {
        for (var type = validator.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            {
                return !validator.IsAbstract && typeof(IBaseRequest).IsAssignableFrom(type.GetGenericArguments()[0]);
            }
        }

        return false;
    }
}
