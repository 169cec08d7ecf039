using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Accesses.ListAccesses;

public sealed record ListAccessesQuery(string CustomerId, bool? Active, int? Limit, string? Cursor) : IQuery<Page<AccessDto>>, ICustomerScoped, IPagedQuery;
