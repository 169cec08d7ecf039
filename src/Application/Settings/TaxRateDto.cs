namespace CleanPrepay.Application.Settings;

/// <summary>VAT for customers in one country, in basis points (2500 = 25 %).</summary>
public sealed record TaxRateDto(string Country, int RateBps);
