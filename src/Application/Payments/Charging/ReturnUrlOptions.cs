
namespace CleanPrepay.Application.Payments.Charging;

/// <summary>Where a redirect may bring the payer back (section <c>Payments</c>, ADR 0031).</summary>
public sealed class ReturnUrlOptions
{
    public const string Section = "Payments";

    /// <summary>
    /// Hosts a <c>returnUrl</c> may name, compared without case; <c>*.shop.example</c> allows the subdomains of
    /// shop.example (not shop.example itself). Outside Development an empty list accepts no return URL at all.
    /// </summary>
    public IList<string> AllowedReturnHosts { get; } = [];

    /// <summary>
    /// Development rules: <c>http://localhost</c> (and 127.0.0.1, [::1]) are allowed, and an empty allow-list
    /// accepts any https host. Set from the environment, not from configuration.
    /// </summary>
    public bool DevelopmentRules { get; set; }
}
