namespace CleanPrepay.Application.Payments.ReceiveWebhook;

/// <summary>What a webhook delivery did: events verified, newly applied, and already seen.</summary>
public sealed record WebhookReceiptDto(int Received, int Applied, int Duplicates);
