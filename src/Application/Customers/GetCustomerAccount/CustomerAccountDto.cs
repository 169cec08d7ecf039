using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers.GetCustomerAccount;

/// <summary>
/// The back office's "Information" tab of a customer account (kinow-customer-accounts): the profile
/// plus the commercial and viewing activity figures.
/// </summary>
public sealed record CustomerAccountDto
{
    public required string Id { get; init; }

    public required string Email { get; init; }

    public required string Name { get; init; }

    public required string Language { get; init; }

    public required string? Country { get; init; }

    public required bool Newsletter { get; init; }

    public required bool OptIn { get; init; }

    public required CustomerStatus Status { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    public required DateTimeOffset? LastVisitAt { get; init; }

    /// <summary>Orders whose payment was validated (status paid); refunded, failed and pending orders are not valid.</summary>
    public required int ValidOrders { get; init; }

    /// <summary>Distinct videos the customer has viewing records for.</summary>
    public required int VideosViewed { get; init; }

    /// <summary>Total seconds watched, over every viewing record.</summary>
    public required long TotalWatchedSeconds { get; init; }

    /// <summary>Accesses (rentals, purchases, subscriptions, manual grants) active at the time of the request.</summary>
    public required int ActiveAccesses { get; init; }
}
