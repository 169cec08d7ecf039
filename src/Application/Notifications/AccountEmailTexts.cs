using System.Globalization;

namespace CleanPrepay.Application.Notifications;

/// <summary>The words of the account emails (payment methods, renewals needing the payer, auto top-up) in one language.</summary>
internal sealed record AccountEmailTexts(
    string Language,
    string Hello,
    string ActionSubject,
    string ActionBody,
    string MandateConfirmedSubject,
    string MandateConfirmedBody,
    string MandateFailedSubject,
    string MandateFailedBody,
    string AutoTopUpOffSubject,
    string AutoTopUpOffBody,
    string Thanks)
{
    private static readonly AccountEmailTexts English = new(
        "en", "Hello {0},",
        "Action needed to renew your subscription",
        "Your bank asks you to confirm the renewal payment of your subscription. Until you do, your subscription is past due.\nConfirm it here: {0}",
        "Your direct debit is set up",
        "Your SEPA direct-debit mandate for the account ending in {0} is confirmed. Future payments will be collected from it.",
        "Your direct debit could not be set up",
        "Your SEPA direct-debit mandate for the account ending in {0} was refused: {1}\nTo correct it, check the IBAN and the account holder's name and set up the direct debit again, or choose another payment method.",
        "Automatic top-up is turned off",
        "We could not top up your wallet automatically three times in a row, so automatic top-up is now off. Check your saved payment method and turn it on again in your account.",
        "Thank you,\nThe CleanPrepay team");

    private static readonly AccountEmailTexts French = new(
        "fr", "Bonjour {0},",
        "Action requise pour renouveler votre abonnement",
        "Votre banque vous demande de confirmer le paiement du renouvellement de votre abonnement. Tant que ce n'est pas fait, votre abonnement est en retard de paiement.\nConfirmez-le ici : {0}",
        "Votre prélèvement est en place",
        "Votre mandat de prélèvement SEPA pour le compte se terminant par {0} est confirmé. Les prochains paiements y seront prélevés.",
        "Votre prélèvement n'a pas pu être mis en place",
        "Votre mandat de prélèvement SEPA pour le compte se terminant par {0} a été refusé : {1}\nPour corriger, vérifiez l'IBAN et le nom du titulaire du compte puis mettez en place le prélèvement à nouveau, ou choisissez un autre moyen de paiement.",
        "La recharge automatique est désactivée",
        "Nous n'avons pas pu recharger votre portefeuille automatiquement trois fois de suite : la recharge automatique est donc désactivée. Vérifiez votre moyen de paiement enregistré et réactivez-la depuis votre compte.",
        "Merci,\nL'équipe CleanPrepay");

    public static AccountEmailTexts For(string? language) =>
        language is { Length: >= 2 } l && l[..2].Equals("fr", StringComparison.OrdinalIgnoreCase) ? French : English;

    public string Letter(string name, string body) => string.Join('\n', F(Hello, name), string.Empty, body, string.Empty, Thanks);

    public static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
