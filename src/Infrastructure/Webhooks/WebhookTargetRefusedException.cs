namespace CleanPrepay.Infrastructure.Webhooks;

/// <summary>The guard refused every address the endpoint's name resolved to (SSRF): nothing was connected to.</summary>
internal sealed class WebhookTargetRefusedException(string message) : IOException(message);
