using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Integrations.Mailchimp;

/// <summary>
/// The one Marketing API v3 call the sync needs: add or update a list member, keyed by the MD5 of the lower-cased
/// email (Mailchimp's subscriber hash). A 429, a 5xx, a timeout or a refused key becomes a wait that uses up no attempt;
/// a 4xx Mailchimp will never accept (a compliance state, a forgotten email) is logged and dropped.
/// </summary>
internal sealed class MailchimpClient(
    HttpClient http, IOptions<MailchimpOptions> options, MailchimpHealth health, TimeProvider time, ILogger<MailchimpClient> logger)
{
    internal const string HttpClientName = "mailchimp";

    public sealed record Member(
        [property: JsonPropertyName("email_address")] string EmailAddress,
        [property: JsonPropertyName("status_if_new")] string StatusIfNew,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("merge_fields")] IReadOnlyDictionary<string, string> MergeFields,
        [property: JsonPropertyName("language")] string Language);

    /// <summary>Degrades readiness and says why in the log (never the address).</summary>
    private void Failed(string reason)
    {
        health.Failed(time.GetUtcNow());
        logger.LogWarning("Mailchimp sync failed: {Reason}", reason);
    }

    public static string SubscriberHash(string email) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    /// <returns>False when Mailchimp refused the member for good (nothing to retry).</returns>
    public async Task<bool> PutMemberAsync(string email, bool subscribed, string firstName, string language, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var status = subscribed ? "subscribed" : "unsubscribed";
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(o.ApiRoot(), $"3.0/lists/{Uri.EscapeDataString(o.ListId!)}/members/{SubscriberHash(email)}"))
        {
            Content = JsonContent.Create(new Member(email.Trim(), status, status, new Dictionary<string, string> { ["FNAME"] = firstName }, language)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"cleanprepay:{o.ApiKey}")));
        HttpResponseMessage response;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(o.Timeout);
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Failed("Mailchimp did not answer");
            throw new OutboxRetryLaterException(o.OutageWait, $"Mailchimp did not answer ({ex.GetType().Name})");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                health.Succeeded();
                return true;
            }

            var code = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Failed("rate limited (429)");
                var wait = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date is { } at ? at - time.GetUtcNow() : null);
                throw new OutboxRetryLaterException(wait is { } w && w > TimeSpan.Zero ? w : o.RateLimitedWait, "Mailchimp answered 429 Too Many Requests");
            }

            if (code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout)
            {
                Failed($"HTTP {code}");
                throw new OutboxRetryLaterException(o.OutageWait, $"Mailchimp answered {code}");
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // The key or the list is wrong: every call will fail until staff fix the configuration; retrying helps nobody.
                Failed($"HTTP {code}: check Integrations:Mailchimp:ApiKey and ListId");
                throw new OutboxRetryLaterException(o.OutageWait, $"Mailchimp answered {code}");
            }

            health.Succeeded(); // Mailchimp is up; it refused this member (400: compliance state, forgotten email)
            return false;
        }
    }
}
