using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Catalog.CreateVideo;

public sealed record CreateVideoCommand(string? Title, OfferInput? Rent, OfferInput? Buy, bool? Active, bool? RentOrBuyOnly = null) : ICommand<VideoDto>;
