using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Accesses.GetEntitlement;

/// <summary>May this customer watch this video now? Through a rental or purchase of it, an active subscription, or a manual grant.</summary>
public sealed record GetEntitlementQuery(string CustomerId, string VideoId) : IQuery<EntitlementDto>, ICustomerScoped;
