using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Support;

namespace CleanPrepay.Application.Support.ListConversations;

/// <summary>The customer's conversations, newest first, optionally only open or closed ones.</summary>
public sealed record ListConversationsQuery(string CustomerId, ConversationStatus? Status, int? Limit, string? Cursor)
    : IQuery<Page<ConversationSummaryDto>>, IPagedQuery, ICustomerScoped;
