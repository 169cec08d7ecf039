using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Subscriptions.GetPrepayment;

public sealed record GetPrepaymentQuery(string PrepaymentId) : IQuery<PrepaymentDto>;
