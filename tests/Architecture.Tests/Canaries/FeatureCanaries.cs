// Deliberate breaches of the feature-folder, pipeline and settler rules (ADR 0032), for the canary tests. Nothing runs them.
using CleanPrepay.Application.Payments.Charging;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Architecture.Tests.Canaries.Features.Abstractions
{
    public interface ISharedPort;
}

namespace CleanPrepay.Architecture.Tests.Canaries.Features.Catalog
{
    public static class PriceThing
    {
        public static long Price() => 100;
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Features.Wallets
{
    /// <summary>Reaches nothing outside its feature but the ports.</summary>
    public static class TopUpThing
    {
        public static Type Port() => typeof(Abstractions.ISharedPort);

        public static class Inner
        {
            public static int Value() => 1;
        }
    }

    public static class ReachesIntoPayments
    {
        public static Type Payment() => typeof(Payments.PaymentThing);
    }

    /// <summary>Orders may price from the catalogue; wallets may not.</summary>
    public static class ReachesWhatOnlyOrdersMay
    {
        public static long Price() => Catalog.PriceThing.Price();
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Features.Orders
{
    public static class OrderThing
    {
        public static int Value() => 1;
    }

    public static class ReachesIntoWallets
    {
        public static Type TopUp() => typeof(Wallets.TopUpThing);
    }

    public static class ReachesThroughANestedType
    {
        public static int Inner() => Wallets.TopUpThing.Inner.Value();
    }

    public static class UsesThePipelineAndTheSharedKernel
    {
        public static Type Pipeline() => typeof(Payments.Charging.CleanPipeline);

        public static Type Port() => typeof(Abstractions.ISharedPort);
    }

    public static class UsesAnAllowedReach
    {
        public static long Price() => Catalog.PriceThing.Price();
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Features.Payments
{
    public static class PaymentThing
    {
        public static int Value() => 1;
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Features.Payments.Charging
{
    /// <summary>The negative control: the payment, the shared kernel of the Domain, the ports.</summary>
    public static class CleanPipeline
    {
        public static PaymentStatus Status(Payment payment) => payment.Status;

        public static Result Ok() => Result.Success();

        public static Type Port() => typeof(Abstractions.ISharedPort);
    }

    public static class PipelineReachesIntoOrders
    {
        public static int Order() => Orders.OrderThing.Value();
    }

    public static class PipelineKnowsAnOrder
    {
        public static string Id(CleanPrepay.Domain.Orders.Order order) => order.Id;
    }

    public static class PipelineKnowsATopUp
    {
        public static string Id(CleanPrepay.Domain.TopUps.TopUp topUp) => topUp.Id;
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Settlers.Doubled
{
    [ChargeSettler(PaymentPurpose.TopUp)]
    public sealed class FirstTopUpSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }

    [ChargeSettler(PaymentPurpose.TopUp)]
    public sealed class SecondTopUpSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }

    [ChargeSettler(PaymentPurpose.Order)]
    public sealed class OrderSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }

    [ChargeSettler(PaymentPurpose.AutoTopUp)]
    public sealed class AutoTopUpSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Settlers.Missing
{
    [ChargeSettler(PaymentPurpose.TopUp)]
    public sealed class TopUpSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Settlers.Unmarked
{
    public sealed class UnmarkedSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Settlers.Complete
{
    [ChargeSettler(PaymentPurpose.TopUp)]
    public sealed class TopUpSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }

    [ChargeSettler(PaymentPurpose.Order)]
    public sealed class OrderSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }

    [ChargeSettler(PaymentPurpose.AutoTopUp)]
    public sealed class AutoTopUpSettler : IChargeSettler
    {
        public Task<Result> SettleAsync(Payment payment, CancellationToken ct) => Task.FromResult(Result.Success());
    }
}
