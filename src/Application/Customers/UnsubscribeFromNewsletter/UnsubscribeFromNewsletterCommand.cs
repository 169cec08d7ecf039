using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Customers.UnsubscribeFromNewsletter;

/// <summary>
/// The newsletter list says this address left it (Mailchimp's unsubscribe or cleaned webhook, already verified by
/// its secret): the customer's <c>newsletter</c> turns false. An address we do not know changes nothing.
/// </summary>
public sealed record UnsubscribeFromNewsletterCommand(string Email) : ICommand<bool>;
