using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Orders;

namespace CleanPrepay.Application.Subscriptions.ChangeSubscriptionPaymentMethod;

/// <summary>
/// Changes how the subscription's next charges are paid: the wallet, or a gateway with a new
/// payment-method token (a new card on file). A risk-rejected consumer keeps to instant methods.
/// </summary>
public sealed record ChangeSubscriptionPaymentMethodCommand(string SubscriptionId, OrderPaymentInput? Payment) : ICommand<SubscriptionDto>;
