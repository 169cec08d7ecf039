using CleanPrepay.Application.Abstractions.Risk;
using CleanPrepay.Domain.Subscriptions;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Risk;

/// <summary>The merchant's risk policy from configuration (section <c>Risk</c>), used when no risk provider is wired in.</summary>
public sealed class RiskOptions
{
    public const string Section = "Risk";

    /// <summary>The outcome for every consumer; null (the default) runs no check, which counts as approved.</summary>
    public RiskOutcome? DefaultOutcome { get; set; }

    /// <summary>ISO 3166-1 alpha-2 countries whose consumers the policy rejects (they must prepay).</summary>
    public string[] RejectedCountries { get; set; } = [];
}

/// <summary>
/// The default <see cref="IRiskAssessment"/>: the merchant's configured policy. A real provider
/// (Riverty's risk check) replaces it by registering its own implementation.
/// </summary>
internal sealed class MerchantRiskPolicy(IOptionsMonitor<RiskOptions> options) : IRiskAssessment
{
    public Task<RiskOutcome?> AssessAsync(RiskSubject subject, CancellationToken cancellationToken)
    {
        var policy = options.CurrentValue;
        if (subject.Country is { } country && policy.RejectedCountries.Contains(country, StringComparer.OrdinalIgnoreCase))
        {
            return Task.FromResult<RiskOutcome?>(RiskOutcome.Rejected);
        }

        return Task.FromResult(policy.DefaultOutcome);
    }
}
