using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Catalog.UpdateVideo;

public sealed record UpdateVideoCommand(string VideoId, string? Title, OfferInput? Rent, OfferInput? Buy, bool? Active, bool? RentOrBuyOnly = null) : ICommand<VideoDto>;
