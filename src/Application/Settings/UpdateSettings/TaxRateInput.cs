namespace CleanPrepay.Application.Settings.UpdateSettings;

public sealed record TaxRateInput(string? Country, int? RateBps);
