using System.Security.Cryptography;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Webhooks;

/// <summary>
/// Where a platform wants our events (Standard Webhooks): a URL, the event types it takes and the secret its
/// deliveries are signed with. A rotated secret keeps signing beside the new one for <see cref="RotationOverlap"/>,
/// so a receiver can switch without losing a delivery. An endpoint failing for <see cref="DisableAfter"/> is disabled.
/// </summary>
public sealed class WebhookEndpoint : AggregateRoot
{
    public const int MaxUrlLength = 2000;
    public const int MaxDescriptionLength = 500;
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);
    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(5);

    private WebhookEndpoint()
    {
    }

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<string> Events { get; private set; } = [];

    public string? Description { get; private set; }

    public string Secret { get; private set; } = string.Empty;

    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretUntil { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>Since when every delivery failed (null after any success).</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static WebhookEndpoint Create(string url, IReadOnlyList<string> events, string? description, DateTimeOffset now) => new()
    {
        Id = Ids.New("whe"),
        Url = url,
        Events = [.. events.Distinct(StringComparer.Ordinal)],
        Description = description,
        Secret = NewSecret(),
        Enabled = true,
        CreatedAt = now,
    };

    /// <summary>"whsec_" and 32 random bytes in base64, as Standard Webhooks' libraries read it.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public bool Wants(string eventType) => Enabled && (Events.Contains(WebhookEventTypes.All) || Events.Contains(eventType));

    /// <summary>The secrets a delivery made now is signed with: the current one, and the previous one during a rotation.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretUntil > now ? [Secret, PreviousSecret] : [Secret];

    public void Update(string? url, IReadOnlyList<string>? events, string? description, bool? enabled)
    {
        Url = url ?? Url;
        Events = events is null ? Events : [.. events.Distinct(StringComparer.Ordinal)];
        Description = description ?? Description;
        if (enabled is { } on && on != Enabled)
        {
            Enabled = on;
            DisabledAt = on ? null : DisabledAt;
            FailingSince = on ? null : FailingSince; // re-enabled by staff: the five days start again
        }

        Touch();
    }

    public string RotateSecret(DateTimeOffset now)
    {
        PreviousSecret = Secret;
        PreviousSecretUntil = now + RotationOverlap;
        Secret = NewSecret();
        Touch();
        return Secret;
    }

    public void RecordSuccess()
    {
        if (FailingSince is not null)
        {
            FailingSince = null;
            Touch();
        }
    }

    /// <summary>Counts a failed attempt; true when this one disabled the endpoint.</summary>
    public bool RecordFailure(DateTimeOffset now)
    {
        FailingSince ??= now;
        Touch();
        if (Enabled && now - FailingSince >= DisableAfter)
        {
            Enabled = false;
            DisabledAt = now;
            return true;
        }

        return false;
    }
}
