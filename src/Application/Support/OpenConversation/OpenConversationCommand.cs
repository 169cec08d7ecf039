using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Support.OpenConversation;

/// <summary>Opens a support conversation for the customer with a first message, from the customer or from staff.</summary>
public sealed record OpenConversationCommand(string CustomerId, string? Subject, string? Body) : ICommand<ConversationDto>, ICustomerScoped;
