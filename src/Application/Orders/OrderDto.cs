using CleanPrepay.Application.Accesses;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Accesses;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Orders;
using CleanPrepay.Domain.Payments;

namespace CleanPrepay.Application.Orders;

public sealed record OrderDto(
    string Id,
    string CustomerId,
    OrderStatus Status,
    string Currency,
    MoneyDto Subtotal,
    MoneyDto Discount,
    MoneyDto Tax,
    int TaxRate,
    MoneyDto Total,
    long? CreditsTotal,
    IReadOnlyList<OrderItemDto> Items,
    OrderPaymentDto? Payment,
    IReadOnlyList<AccessDto> Accesses,
    MoneyDto Refunded,
    long RefundedCredits,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt)
{
    public static OrderDto From(Order o, Payment? payment, IEnumerable<Access> accesses, DateTimeOffset now)
    {
        MoneyDto M(long amount) => new(amount, o.Currency.Code);
        var items = o.Lines.OrderBy(l => l.Position).Select(l => new OrderItemDto(
            l.Kind,
            l.Kind is OrderItemKind.VideoRent or OrderItemKind.VideoBuy ? l.ItemId : null,
            l.Kind switch { OrderItemKind.VideoRent => PurchaseMode.Rent, OrderItemKind.VideoBuy => PurchaseMode.Buy, _ => null },
            l.Kind == OrderItemKind.Plan ? l.ItemId : null,
            l.Kind == OrderItemKind.Package ? l.ItemId : null,
            l.Description,
            M(l.Price),
            l.Credits,
            M(l.Discount),
            M(l.Tax))).ToList();
        var paymentDto = payment is null ? null : OrderPaymentDto.From(o, payment);
        return new OrderDto(
            o.Id, o.CustomerId, o.Status, o.Currency.Code, M(o.Subtotal.MinorUnits), M(o.Discount.MinorUnits), M(o.Tax.MinorUnits), o.TaxRateBasisPoints, M(o.Total.MinorUnits),
            o.CreditsTotal, items, paymentDto, accesses.Select(a => AccessDto.From(a, now)).ToList(), M(o.RefundedAmount.MinorUnits),
            o.RefundedCredits, o.CreatedAt, o.PaidAt);
    }
}
