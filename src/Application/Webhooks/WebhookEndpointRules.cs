using CleanPrepay.Domain.Webhooks;
using FluentValidation;

namespace CleanPrepay.Application.Webhooks;

/// <summary>The checks a created or changed endpoint shares.</summary>
internal static class WebhookEndpointRules
{
    public static IRuleBuilderOptions<T, string?> WebhookUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(u => u is not null && u.Length <= WebhookEndpoint.MaxUrlLength && Uri.TryCreate(u, UriKind.Absolute, out var uri)
                       && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && string.IsNullOrEmpty(uri.UserInfo) && uri.Fragment.Length == 0)
            .WithMessage($"The url is an absolute http(s) URL of at most {WebhookEndpoint.MaxUrlLength} characters, without credentials or fragment.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string?>?> WebhookEvents<T>(this IRuleBuilder<T, IReadOnlyList<string?>?> rule) =>
        rule.Must(e => e is { Count: > 0 and <= 50 } && e.All(t => t is not null && (t == WebhookEventTypes.All || WebhookEventTypes.Known.Contains(t))))
            .WithMessage($"The events are \"*\" or some of: {string.Join(", ", WebhookEventTypes.Known.Order(StringComparer.Ordinal))}.");
}
