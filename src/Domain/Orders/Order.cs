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

    public string Currency { get; private set; } = string.Empty;

    public long Subtotal { get; private set; }

    public long Discount { get; private set; }

    public long Tax { get; private set; }

    public long Total { get; private set; }

    public int TaxRateBasisPoints { get; private set; }

    public string? Country { get; private set; }

    /// <summary>Credits the order costs when paid with credits.</summary>
    public long? CreditsTotal { get; private set; }

    public OrderPaymentMethod PaymentMethod { get; private set; }

    public string? PaymentId { get; private set; }

    public long RefundedAmount { get; private set; }

    public long RefundedCredits { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>The coupon code applied to the order (one per order), normalised.</summary>
    public string? CouponCode { get; private set; }

    /// <summary>The subscription prepayment this order pays, if it is one of its attempts.</summary>
    public string? PrepaymentId { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public Money TotalMoney => new(Total, Monetary.Currency.From(Currency));

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
        if (PaymentRefusal(drafts, method) is { } refusal)
        {
            throw new InvalidOperationException(refusal.Message);
        }

        var order = new Order
        {
            Id = Ids.New("ord"),
            CustomerId = customerId,
            Currency = currency.Code,
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

        order.Subtotal = drafts.Sum(d => d.Price.MinorUnits);
        order.Total = order.Subtotal - order.Discount;
        order.Tax = taxes.Sum(t => t.MinorUnits);
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
            Currency = Currency,
            Country = Country,
            TaxRateBasisPoints = TaxRateBasisPoints,
            PaymentMethod = method,
            Status = OrderStatus.Pending,
            Subtotal = Subtotal,
            Discount = Discount,
            Tax = Tax,
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

    /// <summary>Whether the order can still be discounted: not paid, failed or refunded, and no coupon yet.</summary>
    public bool IsOpenForCoupon => Status is OrderStatus.Pending or OrderStatus.RequiresAction && CouponCode is null && Discount == 0;

    /// <summary>
    /// Takes <paramref name="discount"/> (tax-inclusive, at most the eligible lines' total) off the
    /// lines <paramref name="eligible"/> picks, split between them in proportion to their price by
    /// largest remainder, then recomputes the tax on what is left (the VAT rule of
    /// <see cref="Tax.TaxCalculator"/>). Lines and totals always add up; no total goes below zero.
    /// </summary>
    public Result<Order> ApplyCoupon(string code, Money discount, Func<OrderLine, bool> eligible)
    {
        if (!IsOpenForCoupon)
        {
            return new Error("coupon_invalid", "The order already has a coupon or is no longer awaiting payment.", ErrorKind.Unprocessable);
        }

        var targets = _lines.Where(eligible).ToList();
        var eligibleGross = targets.Sum(l => l.Price);
        if (targets.Count == 0 || discount.Currency.Code != Currency || discount.MinorUnits < 0 || discount.MinorUnits > eligibleGross)
        {
            throw new ArgumentOutOfRangeException(nameof(discount), "The discount must be in the order's currency and within its eligible lines.");
        }

        var shares = eligibleGross == 0 ? targets.Select(_ => Money.Zero(discount.Currency)).ToList() : discount.Allocate(targets.Select(l => l.Price).ToList());
        var lineDiscount = new Dictionary<OrderLine, long>();
        for (var i = 0; i < targets.Count; i++)
        {
            lineDiscount[targets[i]] = shares[i].MinorUnits;
        }

        var currency = Monetary.Currency.From(Currency);
        var nets = _lines.Select(l => new Money(l.Price - lineDiscount.GetValueOrDefault(l), currency)).ToList();
        var taxes = Domain.Tax.TaxCalculator.TaxPerLine(nets, TaxRateBasisPoints);
        for (var i = 0; i < _lines.Count; i++)
        {
            _lines[i].Reprice(lineDiscount.GetValueOrDefault(_lines[i]), taxes[i].MinorUnits);
        }

        CouponCode = code;
        Discount = discount.MinorUnits;
        Total = Subtotal - Discount;
        Tax = taxes.Sum(t => t.MinorUnits);
        Touch();
        return this;
    }

    public void AttachPayment(string paymentId)
    {
        PaymentId = paymentId;
        Touch();
    }

    /// <summary>Marks the order paid. Returns false if it was not awaiting payment (so effects run once).</summary>
    public bool MarkPaid(DateTimeOffset now)
    {
        if (Status is not (OrderStatus.Pending or OrderStatus.RequiresAction))
        {
            return false;
        }

        Status = OrderStatus.Paid;
        PaidAt = now;
        Touch();
        Raise(new OrderPaid(Id, CustomerId, Total, Currency, now));
        return true;
    }

    public void MarkRequiresAction()
    {
        if (Status == OrderStatus.Pending)
        {
            Status = OrderStatus.RequiresAction;
            Touch();
        }
    }

    public void MarkFailed(DateTimeOffset now)
    {
        if (Status is OrderStatus.Pending or OrderStatus.RequiresAction)
        {
            Status = OrderStatus.Failed;
            FailedAt = now;
            Touch();
        }
    }

    /// <summary>Records a refund; returns true when the order is now refunded in full.</summary>
    public bool RecordRefund(long amount, long credits)
    {
        RefundedAmount += amount;
        RefundedCredits += credits;
        var full = PaymentMethod == OrderPaymentMethod.Credits ? RefundedCredits >= (CreditsTotal ?? 0) : RefundedAmount >= Total;
        if (full)
        {
            Status = OrderStatus.Refunded;
        }

        Touch();
        return full;
    }
}
