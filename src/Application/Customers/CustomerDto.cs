using AutoMapper;
using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers;

public sealed record CustomerDto
{
    public required string Id { get; init; }

    public required string Email { get; init; }

    public required string Name { get; init; }

    public required string Language { get; init; }

    public string? Country { get; init; }

    public bool Newsletter { get; init; }

    public bool OptIn { get; init; }

    public CustomerStatus Status { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public DateTimeOffset? LastVisitAt { get; init; }
}

internal sealed class CustomerMappingProfile : Profile
{
    public CustomerMappingProfile() => CreateMap<Customer, CustomerDto>();
}
