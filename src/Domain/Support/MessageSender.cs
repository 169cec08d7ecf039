namespace CleanPrepay.Domain.Support;

/// <summary>Which side of the conversation wrote a message: the customer, or the platform's support staff.</summary>
public enum MessageSender
{
    Customer,
    Staff,
}
