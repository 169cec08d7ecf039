using CleanPrepay.Application.Abstractions.Gateways;
using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Payments.ReceiveWebhook;

/// <summary>
/// A provider's notification (<c>POST /v1/webhooks/{gateway}</c>). Verified by the adapter before
/// anything is read or written; each verified event is then applied and written to the inbox in one
/// transaction, unique on (gateway, event id), so a re-delivery or a replay changes nothing twice.
/// </summary>
public sealed record ReceiveWebhookCommand(string Gateway, WebhookRequest Request) : IPhasedCommand<WebhookReceiptDto>;
