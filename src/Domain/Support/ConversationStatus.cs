namespace CleanPrepay.Domain.Support;

public enum ConversationStatus
{
    Open,
    Closed,
}
