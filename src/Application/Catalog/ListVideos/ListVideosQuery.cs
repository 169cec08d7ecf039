using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Catalog.ListVideos;

public sealed record ListVideosQuery(bool? Active, int? Limit, string? Cursor) : IQuery<Page<VideoDto>>, IPagedQuery;
