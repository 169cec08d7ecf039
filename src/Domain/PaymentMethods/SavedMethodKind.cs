namespace CleanPrepay.Domain.PaymentMethods;

/// <summary>What a saved payment method is: a card, a SEPA direct-debit mandate or a PayPal vault.</summary>
public enum SavedMethodKind
{
    Card,
    SepaDebit,
    Paypal,
}
