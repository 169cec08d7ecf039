using AutoMapper;
using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Application.Customers;

internal sealed class CustomerMappingProfile : Profile
{
    public CustomerMappingProfile() => CreateMap<Customer, CustomerDto>();
}
