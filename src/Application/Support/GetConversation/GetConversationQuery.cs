using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Support.GetConversation;

public sealed record GetConversationQuery(string ConversationId) : IQuery<ConversationDto>;
