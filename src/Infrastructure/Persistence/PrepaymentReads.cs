using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence;

/// <inheritdoc />
internal sealed class PrepaymentReads(CleanPrepayDbContext db) : IPrepaymentReads
{
    public Task<List<Prepayment>> PageAsync(PrepaymentPageQuery q, CancellationToken cancellationToken)
    {
        var compiled = PerModel<Compiled>.For(db);
        return q switch
        {
            { Status: { } s, CustomerId: null, CreatedFrom: null, CreatedTo: null, AfterId: null } => Drain(compiled.ByStatus(db, s, q.Take), cancellationToken),
            { Status: { } s, CustomerId: null, CreatedFrom: null, CreatedTo: null, AfterCreatedAt: { } at, AfterId: { } id } =>
                Drain(compiled.ByStatusAfter(db, s, at, id, q.Take), cancellationToken),
            { Status: { } s, CustomerId: { } c, CreatedFrom: null, CreatedTo: null, AfterId: null } => Drain(compiled.ByStatusAndCustomer(db, s, c, q.Take), cancellationToken),
            _ => Filtered(q).ToListAsync(cancellationToken),
        };
    }

    private static async Task<List<Prepayment>> Drain(IAsyncEnumerable<Prepayment> rows, CancellationToken ct)
    {
        var list = new List<Prepayment>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }

    private IQueryable<Prepayment> Filtered(PrepaymentPageQuery q)
    {
        var query = db.Prepayments.AsNoTracking();
        if (q.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (q.CustomerId is { } customerId)
        {
            query = query.Where(p => p.CustomerId == customerId);
        }

        if (q.CreatedFrom is { } from)
        {
            query = query.Where(p => p.CreatedAt >= from);
        }

        if (q.CreatedTo is { } to)
        {
            query = query.Where(p => p.CreatedAt < to);
        }

        if (q is { AfterCreatedAt: { } afterAt, AfterId: { } afterId })
        {
            query = query.Where(p => p.CreatedAt < afterAt || (p.CreatedAt == afterAt && string.Compare(p.Id, afterId) < 0));
        }

        return Newest(query).Take(q.Take);
    }

    private static IOrderedQueryable<Prepayment> Newest(IQueryable<Prepayment> query) => query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

    /// <summary>Precompiled (per model): the first page of a status, its next pages, and a customer's.</summary>
    private sealed class Compiled
    {
        public readonly Func<CleanPrepayDbContext, PrepaymentStatus, int, IAsyncEnumerable<Prepayment>> ByStatus =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, PrepaymentStatus status, int take) =>
                ctx.Prepayments.AsNoTracking().Where(p => p.Status == status).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(take));

        public readonly Func<CleanPrepayDbContext, PrepaymentStatus, DateTimeOffset, string, int, IAsyncEnumerable<Prepayment>> ByStatusAfter =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, PrepaymentStatus status, DateTimeOffset afterAt, string afterId, int take) =>
                ctx.Prepayments.AsNoTracking()
                    .Where(p => p.Status == status && (p.CreatedAt < afterAt || (p.CreatedAt == afterAt && string.Compare(p.Id, afterId) < 0)))
                    .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(take));

        public readonly Func<CleanPrepayDbContext, PrepaymentStatus, string, int, IAsyncEnumerable<Prepayment>> ByStatusAndCustomer =
            EF.CompileAsyncQuery((CleanPrepayDbContext ctx, PrepaymentStatus status, string customerId, int take) =>
                ctx.Prepayments.AsNoTracking().Where(p => p.Status == status && p.CustomerId == customerId)
                    .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(take));
    }
}
