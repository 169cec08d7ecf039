using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Accesses.GrantAccess;

/// <summary>Staff grant an access by hand: one video, or a plan's whole catalogue, with a recorded reason.</summary>
public sealed record GrantAccessCommand(string CustomerId, string? VideoId, string? PlanId, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt, string? Reason)
    : ICommand<AccessDto>, ICustomerScoped;
