using CleanPrepay.Domain.Common;
using MediatR;

namespace CleanPrepay.Application.Customers.RecordVisit;

/// <summary>
/// Stamps the customer's last visit. Deliberately not an <c>ICommand</c>: it is one conditional
/// UPDATE, needs no unit of work, and must not open a transaction on every customer request.
/// </summary>
public sealed record RecordVisitCommand(string CustomerId) : IRequest<Result<bool>>;
