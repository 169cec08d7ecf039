using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Catalog.ListVideos;

internal sealed class ListVideosValidator : PagedQueryValidator<ListVideosQuery>;
