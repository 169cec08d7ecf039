using CleanPrepay.Application.Common.Contracts;

namespace CleanPrepay.Application.Customers.ListCustomerProducts;

internal sealed class ListCustomerProductsValidator : PagedQueryValidator<ListCustomerProductsQuery>;
