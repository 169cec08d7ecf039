using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Catalog;

/// <summary>A price as sent: the main <c>price</c> and optionally the same item's price in other currencies.</summary>
public sealed record OfferInput(MoneyInput? Price, IReadOnlyList<MoneyInput?>? Prices, long? Credits, int? AccessHours);
