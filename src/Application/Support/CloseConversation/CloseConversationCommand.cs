using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Support.CloseConversation;

/// <summary>Closes a conversation (either side); closing a closed one answers it unchanged.</summary>
public sealed record CloseConversationCommand(string ConversationId) : ICommand<ConversationDto>;
