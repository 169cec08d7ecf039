using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Catalog;
using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Application.Orders;

public sealed record OrderItemDto(
    OrderItemKind Kind, string? VideoId, PurchaseMode? Mode, string? PlanId, string? PackageId, string Description,
    MoneyDto Price, long? Credits, MoneyDto Discount, MoneyDto Tax);
