using CleanPrepay.Domain.Orders;

namespace CleanPrepay.Application.Customers.ListCustomerProducts;

/// <summary>
/// One product the customer bought (kinow "Products bought"): a video rented or bought, a plan or a
/// package, with when it was first paid for and how many paid order lines hold it.
/// </summary>
public sealed record CustomerProductDto(
    OrderItemKind Kind, string ItemId, string Description, DateTimeOffset FirstBoughtAt, int TimesBought);
