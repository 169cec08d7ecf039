namespace CleanPrepay.Application.Abstractions.Gateways;

/// <summary>A notification as received: the raw body (signatures are over the exact bytes) and the headers.</summary>
public sealed class WebhookRequest(IReadOnlyDictionary<string, string> headers, byte[] body, DateTimeOffset receivedAt)
{
    private readonly Dictionary<string, string> _headers = new(headers, StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; } = body;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public string? Header(string name) => _headers.GetValueOrDefault(name);

    /// <summary>Signatures and bodies stay out of logs.</summary>
    public override string ToString() => $"WebhookRequest {{ Bytes = {Body.Length} }}";
}
