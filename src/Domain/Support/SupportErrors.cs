using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Support;

public static class SupportErrors
{
    public static readonly Error NotFound = Error.NotFound("The conversation");

    public static readonly Error Closed = new(
        "conversation_closed", "The conversation is closed: start a new one (POST /v1/customers/{id}/conversations).", ErrorKind.Conflict);

    public static readonly Error Full = new(
        "conversation_full", $"The conversation has {Conversation.MaxMessages} messages, the most one holds: start a new one.", ErrorKind.Conflict);
}
