using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Monetary;
using CleanPrepay.Domain.Orders.Events;

namespace CleanPrepay.Domain.Orders;

public enum OrderStatus
{
    Pending,
    RequiresAction,
    Paid,
    Failed,
    Refunded,
}

public enum OrderPaymentMethod
{
    Wallet,
    Credits,
    Gateway,

    /// <summary>Through the gateway of a saved payment method (<c>spm_…</c>).</summary>
    Saved,
}

public enum OrderItemKind
{
    VideoRent,
    VideoBuy,
    Plan,
    Package,
}

/// <summary>One line of an order: what was bought, at which tax-inclusive price, with its share of the tax.</summary>
public sealed class OrderLine
{
    private OrderLine()
    {
    }

    internal OrderLine(string orderId, int position, OrderItemKind kind, string itemId, string description, long price, long? credits, long tax, int? accessHours)
    {
        OrderId = orderId;
        Position = position;
        Kind = kind;
        ItemId = itemId;
        Description = description;
        Price = price;
        Credits = credits;
        Tax = tax;
        AccessHours = accessHours;
    }

    public string OrderId { get; private set; } = string.Empty;

    public int Position { get; private set; }

    public OrderItemKind Kind { get; private set; }

    /// <summary>The video, plan or package id.</summary>
    public string ItemId { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    /// <summary>Tax-inclusive price in the order's currency, minor units.</summary>
    public long Price { get; private set; }

    /// <summary>Credit price when the order is paid with credits.</summary>
    public long? Credits { get; private set; }

    public long Discount { get; private set; }

    public long Tax { get; private set; }

    /// <summary>A rental's access hours, fixed at the time of sale.</summary>
    public int? AccessHours { get; private set; }

    internal void Reprice(long discount, long tax)
    {
        Discount = discount;
        Tax = tax;
    }
}

/// <summary>What a line will be, before the order exists.</summary>
public sealed record OrderLineDraft(OrderItemKind Kind, string ItemId, string Description, Money Price, long? Credits, int? AccessHours);

/// <summary>
/// An order of videos, plans and packages. A state machine: pending → requires_action → paid | failed;
/// paid → refunded. Paying happens once; a failed order leaves nothing behind.
/// </summary>
public sealed class Order : AggregateRoot
{
    private readonly List<OrderLine> _lines = [];

    private Order()
    {
    }

    public string CustomerId { get; private set; } = string.Empty;

    public OrderStatus Status { get; private set; }

    // One currency per order, held by Total; the other amounts are stored as minor units of it.
    private long _subtotal;
    private long _discount;
    private long _tax;
    private long _refundedAmount;

    /// <summary>What the order costs: the subtotal less the discount, tax included.</summary>
    public Money Total { get; private set; }

    public Currency Currency => Total.Currency;

    public Money Subtotal => new(_subtotal, Currency);

    public Money Discount => new(_discount, Currency);

    public Money Tax => new(_tax, Currency);

    public int TaxRateBasisPoints { get; private set; }

    public string? Country { get; private set; }

    /// <summary>Credits the order costs when paid with credits.</summary>
    public long? CreditsTotal { get; private set; }

    public OrderPaymentMethod PaymentMethod { get; private set; }

    public string? PaymentId { get; private set; }

    public Money RefundedAmount => new(_refundedAmount, Currency);

    public long RefundedCredits { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>The coupon code applied to the order (one per order), normalised.</summary>
    public string? CouponCode { get; private set; }

    /// <summary>The subscription prepayment this order pays, if it is one of its attempts.</summary>
    public string? PrepaymentId { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>
    /// Why an order of <paramref name="drafts"/> cannot be paid with <paramref name="method"/>, or null when it can.
    /// A prepayment package creates stored value, so it is paid with money from outside (a card or a
    /// gateway) and never from the wallet or its credits: wallet money would buy a package's bonus again
    /// and again (ADR 0026).
    /// </summary>
    public static Error? PaymentRefusal(IReadOnlyList<OrderLineDraft> drafts, OrderPaymentMethod method) =>
        method != OrderPaymentMethod.Gateway && drafts.FirstOrDefault(d => d.Kind == OrderItemKind.Package) is { } package
            ? new Error(
                method == OrderPaymentMethod.Credits ? "credits_not_accepted" : "wallet_not_accepted",
                $"'{package.Description}' is a prepayment package: it is paid by card or a payment gateway, not from the wallet or its credits.",
                ErrorKind.Unprocessable)
            : null;

    public static Order Place(
        string customerId, Currency currency, string? country, int taxRateBasisPoints, IReadOnlyList<OrderLineDraft> drafts,
        OrderPaymentMethod method, DateTimeOffset now)
    {
        // Callers ask PaymentRefusal first and answer the customer; placing a refused order anyway is a bug.
        if (PaymentRefusal(drafts, method) is { } refusal)
        {
            throw new InvalidOperationException(refusal.Message);
        }

        var order = new Order
        {
            Id = Ids.New("ord"),
            CustomerId = customerId,
            Country = country,
            TaxRateBasisPoints = taxRateBasisPoints,
            PaymentMethod = method,
            Status = OrderStatus.Pending,
            CreatedAt = now,
        };
        var taxes = Domain.Tax.TaxCalculator.TaxPerLine(drafts.Select(d => d.Price).ToList(), taxRateBasisPoints);
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            order._lines.Add(new OrderLine(order.Id, i + 1, d.Kind, d.ItemId, d.Description, d.Price.MinorUnits, d.Credits, taxes[i].MinorUnits, d.AccessHours));
        }

        order._subtotal = drafts.Sum(d => d.Price.MinorUnits);
        order._tax = taxes.Sum(t => t.MinorUnits);
        order.Total = new Money(order._subtotal, currency);
        order.CreditsTotal = method == OrderPaymentMethod.Credits ? drafts.Sum(d => d.Credits ?? 0) : null;
        return order;
    }

    /// <summary>Marks the order as an attempt to pay a subscription's prepayment.</summary>
    public void Pays(string prepaymentId)
    {
        PrepaymentId = prepaymentId;
        Touch();
    }

    /// <summary>Chooses how an order nobody has tried to pay yet will be paid.</summary>
    public void PayWith(OrderPaymentMethod method)
    {
        if (Status != OrderStatus.Pending || PaymentId is not null)
        {
            throw new InvalidOperationException("Only an order with no payment yet can change its payment method.");
        }

        PaymentMethod = method;
        Touch();
    }

    /// <summary>A new attempt at a failed order: the same lines, discounts, tax and totals, to pay with <paramref name="method"/>.</summary>
    public Order Reissue(OrderPaymentMethod method, DateTimeOffset now)
    {
        var copy = new Order
        {
            Id = Ids.New("ord"),
            CustomerId = CustomerId,
            Country = Country,
            TaxRateBasisPoints = TaxRateBasisPoints,
            PaymentMethod = method,
            Status = OrderStatus.Pending,
            _subtotal = _subtotal,
            _discount = _discount,
            _tax = _tax,
            Total = Total,
            CouponCode = CouponCode,
            PrepaymentId = PrepaymentId,
            CreatedAt = now,
        };
        foreach (var line in _lines)
        {
            var copied = new OrderLine(copy.Id, line.Position, line.Kind, line.ItemId, line.Description, line.Price, line.Credits, line.Tax, line.AccessHours);
            copied.Reprice(line.Discount, line.Tax);
            copy._lines.Add(copied);
        }

        return copy;
    }

    private bool IsAwaitingPayment => Status is OrderStatus.Pending or OrderStatus.RequiresAction;

    /// <summary>Whether the order can still be discounted: not paid, failed or refunded, and no coupon yet.</summary>
    public bool IsOpenForCoupon => IsAwaitingPayment && CouponCode is null && _discount == 0;

    /// <summary>
    /// Spreads a tax-inclusive discount over the eligible lines by largest remainder and recomputes the
    /// tax (docs/spec/coupons.md#discount-rounding). A closed order is refused; a bad discount throws.
    /// </summary>
    public Result<Order> ApplyCoupon(string code, Money discount, Func<OrderLine, bool> eligible)
    {
        if (!IsOpenForCoupon)
        {
            return OrderErrors.ClosedForCoupon;
        }

        var targets = _lines.Where(eligible).ToList();
        var eligibleGross = targets.Sum(l => l.Price);
        if (targets.Count == 0 || discount.Currency != Currency || discount.IsNegative || discount.MinorUnits > eligibleGross)
        {
            throw new ArgumentOutOfRangeException(nameof(discount), "The discount must be in the order's currency and within its eligible lines.");
        }

        var shares = eligibleGross == 0 ? targets.Select(_ => Money.Zero(discount.Currency)).ToList() : discount.Allocate(targets.Select(l => l.Price).ToList());
        var lineDiscount = new Dictionary<OrderLine, long>();
        for (var i = 0; i < targets.Count; i++)
        {
            lineDiscount[targets[i]] = shares[i].MinorUnits;
        }

        var nets = _lines.Select(l => new Money(l.Price - lineDiscount.GetValueOrDefault(l), Currency)).ToList();
        var taxes = Domain.Tax.TaxCalculator.TaxPerLine(nets, TaxRateBasisPoints);
        for (var i = 0; i < _lines.Count; i++)
        {
            _lines[i].Reprice(lineDiscount.GetValueOrDefault(_lines[i]), taxes[i].MinorUnits);
        }

        CouponCode = code;
        _discount = discount.MinorUnits;
        _tax = taxes.Sum(t => t.MinorUnits);
        Total = Subtotal - Discount;
        Touch();
        return this;
    }

    public void AttachPayment(string paymentId)
    {
        PaymentId = paymentId;
        Touch();
    }

    /// <summary>Marks the order paid. Refused when it is not awaiting payment, so the effects of paying run once.</summary>
    public Result MarkPaid(DateTimeOffset now)
    {
        var settled = Settle(OrderStatus.Paid);
        if (settled.IsSuccess)
        {
            PaidAt = now;
            Raise(new OrderPaid(Id, CustomerId, Total.MinorUnits, Currency.Code, now));
        }

        return settled;
    }

    /// <summary>The customer must act (3-D Secure) before a pending order can be paid.</summary>
    public Result MarkRequiresAction()
    {
        if (Status != OrderStatus.Pending)
        {
            return OrderErrors.NotPending(Status);
        }

        Status = OrderStatus.RequiresAction;
        Touch();
        return Result.Success();
    }

    /// <summary>The payment failed. Refused once the order is paid, failed or refunded: a late failure changes nothing.</summary>
    public Result MarkFailed(DateTimeOffset now)
    {
        var settled = Settle(OrderStatus.Failed);
        if (settled.IsSuccess)
        {
            FailedAt = now;
        }

        return settled;
    }

    private Result Settle(OrderStatus outcome)
    {
        if (!IsAwaitingPayment)
        {
            return OrderErrors.NotAwaitingPayment(Status);
        }

        Status = outcome;
        Touch();
        return Result.Success();
    }

    /// <summary>What a refund may still give back in money: what was paid, less what was refunded.</summary>
    public Money RefundableAmount => IsPaidFor ? Total - RefundedAmount : Money.Zero(Currency);

    public long RefundableCredits => IsPaidFor ? (CreditsTotal ?? 0) - RefundedCredits : 0;

    private bool IsPaidFor => Status is OrderStatus.Paid or OrderStatus.Refunded;

    /// <summary>
    /// Records a refund of a paid order, with the rules of <see cref="Payments.Payment.RecordRefund"/>:
    /// more than zero, never more than was paid. Its value is true when the order is now refunded in full.
    /// </summary>
    public Result<bool> RecordRefund(long amount, long credits, DateTimeOffset now)
    {
        if (amount < 0 || credits < 0 || (amount == 0 && credits == 0))
        {
            return Error.Validation("amount", "A refund must be greater than zero.");
        }

        if (!IsPaidFor)
        {
            return OrderErrors.NotRefundable(Status);
        }

        if (amount > RefundableAmount.MinorUnits || credits > RefundableCredits)
        {
            return OrderErrors.RefundExceedsOrder(RefundableAmount, RefundableCredits);
        }

        _refundedAmount += amount;
        RefundedCredits += credits;
        var full = PaymentMethod == OrderPaymentMethod.Credits ? RefundableCredits == 0 : RefundableAmount.IsZero;
        if (full)
        {
            Status = OrderStatus.Refunded;
        }

        Touch();
        Raise(new OrderRefunded(Id, CustomerId, amount, Currency.Code, credits, full, now));
        return full;
    }
}
