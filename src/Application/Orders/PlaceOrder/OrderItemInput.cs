using CleanPrepay.Domain.Catalog;

namespace CleanPrepay.Application.Orders.PlaceOrder;

public sealed record OrderItemInput(string? VideoId, PurchaseMode? Mode, string? PlanId, string? PackageId);
