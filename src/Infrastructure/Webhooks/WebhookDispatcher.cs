using System.Globalization;
using System.Text;
using CleanPrepay.Domain.Webhooks;
using CleanPrepay.Infrastructure.Hosting;
using CleanPrepay.Infrastructure.Persistence;
using CleanPrepay.Infrastructure.Persistence.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace CleanPrepay.Infrastructure.Webhooks;

/// <summary>
/// Sends due deliveries, at least once: claimed with FOR UPDATE SKIP LOCKED so two instances never send one twice
/// at the same time, sent with no transaction open, then recorded. A delivery waits while an earlier one of the
/// same resource to the same endpoint is pending, so a receiver sees a resource's events in order.
/// </summary>
internal sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, WebhookTargetGuard guard, TimeProvider time, IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger, SchemaGate schema) : BatchWorker(schema, time, logger)
{
    internal const string HttpClientName = "webhooks";
    internal const int Batch = 100;
    internal const int Parallel = 32;

    /// <summary>
    /// Longer than a whole batch can take (Batch / Parallel waves of the timeout, plus recording it), so no other
    /// loop takes a delivery before its outcome is saved; a dispatcher that died hands its claims on after it.
    /// </summary>
    internal TimeSpan ClaimFor => options.Value.Timeout * ((Batch + Parallel - 1) / Parallel) + TimeSpan.FromMinutes(1);

    protected override int BatchSize => Batch;

    protected override TimeSpan IdleDelay => TimeSpan.FromMilliseconds(200);

    /// <summary>While one loop waits on its receivers, another claims and sends the next batch.</summary>
    protected override int Loops => options.Value.DispatchLoops;

    internal override async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanPrepayDbContext>();
        var batch = await ClaimAsync(db, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var endpointIds = batch.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var client = httpClients.CreateClient(HttpClientName);
        using var gate = new SemaphoreSlim(Parallel);
        var outcomes = await Task.WhenAll(batch.Select(async delivery =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await SendAsync(client, delivery, endpoints.GetValueOrDefault(delivery.EndpointId), cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        var now = Time.GetUtcNow();
        foreach (var (delivery, outcome) in batch.Zip(outcomes))
        {
            delivery.ClaimedUntil = null;
            if (outcome.Abandoned is { } why)
            {
                delivery.Abandon(why);
            }
            else if (outcome.Succeeded)
            {
                delivery.Succeeded(outcome.Status!.Value, now);
            }
            else
            {
                delivery.AttemptFailed(outcome.Status, outcome.Error!, now);
            }
        }

        await SaveOutcomesAsync(db);
        await RecordOnEndpointsAsync(db, batch.Zip(outcomes).Where(p => p.Second.Abandoned is null).ToList(), now);
        return batch.Count;
    }

    /// <summary>A delivery whose endpoint was deleted meanwhile is gone (cascade): the others' outcomes are saved all the same.</summary>
    private static async Task SaveOutcomesAsync(CleanPrepayDbContext db)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateConcurrencyException gone) when (attempt < Batch)
            {
                foreach (var entry in gone.Entries)
                {
                    entry.State = EntityState.Detached;
                }
            }
        }
    }

    private sealed record Outcome(bool Succeeded, int? Status, string? Error, string? Abandoned = null);

    private async Task<Outcome> SendAsync(HttpClient client, WebhookDelivery delivery, WebhookEndpoint? endpoint, CancellationToken cancellationToken)
    {
        if (endpoint is not { Enabled: true })
        {
            return new Outcome(false, null, null, WebhookDelivery.EndpointDisabled);
        }

        var url = new Uri(endpoint.Url);
        if (guard.SchemeRefusal(url) is not null)
        {
            return new Outcome(false, null, "Refused: the endpoint is not https.");
        }

        var sentAt = Time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };

        // Standard Webhooks: signed over "{id}.{timestamp}.{body}"; during a rotation with each secret, space-separated.
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', endpoint.SigningSecrets(sentAt).Select(s => new StandardWebhook(s).Sign(delivery.Id, sentAt, delivery.Payload))));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? new Outcome(true, status, null) : new Outcome(false, status, $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, null, $"No answer within {options.Value.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            // The message says what failed (refused address, connection refused, TLS); it never holds the secret or the body.
            return new Outcome(false, null, ex.InnerException is WebhookTargetRefusedException refused ? refused.Message : ex.Message);
        }
    }

    /// <summary>One update per endpoint per batch: any success clears its failing streak; only failures extend it, and five days of them disable it.</summary>
    private async Task RecordOnEndpointsAsync(CleanPrepayDbContext db, IReadOnlyList<(WebhookDelivery Delivery, Outcome Outcome)> results, DateTimeOffset now)
    {
        foreach (var group in results.GroupBy(r => r.Delivery.EndpointId))
        {
            var succeeded = group.Any(r => r.Outcome.Succeeded);
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                db.ChangeTracker.Clear();
                var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == group.Key, CancellationToken.None);
                if (endpoint is null)
                {
                    break;
                }

                var disabled = false;
                if (succeeded)
                {
                    endpoint.RecordSuccess();
                }
                else
                {
                    disabled = endpoint.RecordFailure(now);
                }

                try
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                    if (disabled)
                    {
                        // Nothing more goes to it: what waits fails now, and shows so in its log.
                        await db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id && d.Status == WebhookDeliveryStatus.Pending)
                            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, WebhookDeliveryStatus.Failed).SetProperty(d => d.LastError, WebhookDelivery.EndpointDisabled), CancellationToken.None);
                        Logger.LogWarning("Webhook endpoint {EndpointId} disabled after failing since {Since}", endpoint.Id, endpoint.FailingSince);
                    }

                    break;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another dispatcher or a staff edit changed it: read it again and reapply.
                }
            }
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>Takes due deliveries for <see cref="ClaimFor"/> in a short transaction; other dispatchers skip them.</summary>
    private async Task<List<WebhookDelivery>> ClaimAsync(CleanPrepayDbContext db, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        const string pending = nameof(WebhookDeliveryStatus.Pending);
        var batch = db.IsPostgres
            ? await db.WebhookDeliveries.FromSqlInterpolated($"""
                SELECT d.* FROM webhook_deliveries d
                WHERE d.status = {pending} AND d.next_attempt_at <= {now} AND (d.claimed_until IS NULL OR d.claimed_until < {now})
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.endpoint_id = d.endpoint_id AND e.resource_key = d.resource_key
                                  AND e.status = {pending} AND e.sequence < d.sequence)
                ORDER BY d.next_attempt_at, d.sequence LIMIT {Batch} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken)
            : await db.WebhookDeliveries
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now)
                            && !db.WebhookDeliveries.Any(e => e.EndpointId == d.EndpointId && e.ResourceKey == d.ResourceKey
                                                              && e.Status == WebhookDeliveryStatus.Pending && e.Sequence < d.Sequence))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Sequence).Take(Batch).ToListAsync(cancellationToken);
        foreach (var delivery in batch)
        {
            delivery.ClaimedUntil = now + ClaimFor;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch;
    }
}
