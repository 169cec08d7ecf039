namespace CleanPrepay.Application.Abstractions.Messaging;

/// <summary>
/// A request that spends for a customer (pays, tops up, subscribes, redeems a coupon): refused 403
/// <c>customer_inactive</c> while the account is inactive, whoever calls.
/// </summary>
public interface ICustomerSpending : ICustomerScoped;
