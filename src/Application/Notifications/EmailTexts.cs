using System.Globalization;
using CleanPrepay.Domain.Subscriptions;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Application.Notifications;

/// <summary>The emails' words in one language. Amounts use the language's decimal mark; dates are ISO 8601, unambiguous in both.</summary>
internal sealed record EmailTexts(
    string Language,
    string Hello,
    string ConfirmationSubjectFormat,
    string Received,
    string StartLabel,
    string PeriodLabel,
    string PartialFormat,
    string StandardFormat,
    string WelcomeSubjectFormat,
    string WelcomeBody,
    string Thanks,
    char DecimalMark)
{
    private static readonly EmailTexts English = new(
        "en", "Hello {0},", "Payment confirmation: {0}", "We have received your payment of {0} for {1}.", "Subscription start", "Period paid",
        "This covers the partial period from {0} to {1} ({2}) and one standard period from {3} to {4} ({5}).", "This covers one period from {0} to {1}.",
        "Welcome to {0}", "Your subscription to {0} is active. You can watch everything it includes until {1}, and it renews automatically.",
        "Thank you,\nThe CleanPrepay team", '.');

    private static readonly EmailTexts French = new(
        "fr", "Bonjour {0},", "Confirmation de paiement : {0}", "Nous avons bien reçu votre paiement de {0} pour {1}.", "Début de l'abonnement", "Période payée",
        "Ce paiement couvre la période partielle du {0} au {1} ({2}) et une période standard du {3} au {4} ({5}).", "Ce paiement couvre une période du {0} au {1}.",
        "Bienvenue dans {0}", "Votre abonnement à {0} est actif. Vous pouvez regarder tout son contenu jusqu'au {1}, et il se renouvelle automatiquement.",
        "Merci,\nL'équipe CleanPrepay", ',');

    public static EmailTexts For(string? language) =>
        language is { Length: >= 2 } l && l[..2].Equals("fr", StringComparison.OrdinalIgnoreCase) ? French : English;

    public string ConfirmationSubject(string plan) => string.Format(CultureInfo.InvariantCulture, ConfirmationSubjectFormat, plan);

    public string WelcomeSubject(string plan) => string.Format(CultureInfo.InvariantCulture, WelcomeSubjectFormat, plan);

    public string Confirmation(string name, string plan, DateOnly start, Prepayment p, Money standardPrice)
    {
        var cover = p.PartialTo is { } partialTo && partialTo < p.PeriodEnd
            ? F(PartialFormat, D(p.PeriodStart), D(partialTo), Amount(p.PartialAmount ?? Money.Zero(p.Currency)), D(partialTo.AddDays(1)), D(p.PeriodEnd), Amount(standardPrice))
            : F(StandardFormat, D(p.PeriodStart), D(p.PeriodEnd));
        return string.Join(
            '\n',
            F(Hello, name),
            string.Empty,
            F(Received, Amount(p.Amount), plan),
            $"{StartLabel}: {D(start)}",
            $"{PeriodLabel}: {D(p.PeriodStart)} – {D(p.PeriodEnd)}",
            cover,
            string.Empty,
            Thanks);
    }

    public string Welcome(string name, string plan, DateOnly paidThrough) =>
        string.Join('\n', F(Hello, name), string.Empty, F(WelcomeBody, plan, D(paidThrough)), string.Empty, Thanks);

    /// <summary>Minor units as "66.66 EUR" (English) or "66,66 EUR" (French), with the currency's own exponent.</summary>
    public string Amount(Money money)
    {
        var text = money.ToMajorUnitString();
        return $"{(DecimalMark == '.' ? text : text.Replace('.', DecimalMark))} {money.Currency.Code}";
    }

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
