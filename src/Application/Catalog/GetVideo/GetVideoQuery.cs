using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Catalog.GetVideo;

public sealed record GetVideoQuery(string VideoId) : IQuery<VideoDto>;
