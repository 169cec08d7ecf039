using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Support.ReplyToConversation;

/// <summary>Adds a message to an open conversation; staff replies carry <c>from: staff</c>.</summary>
public sealed record ReplyToConversationCommand(string ConversationId, string? Body) : ICommand<ConversationDto>;
