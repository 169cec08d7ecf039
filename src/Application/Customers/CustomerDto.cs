using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers;

public sealed record CustomerDto
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
}
