using System.Text;
using CleanPrepay.Domain.Common;
using CleanPrepay.Domain.Customers.Events;

namespace CleanPrepay.Domain.Customers;

public enum CustomerStatus
{
    Active,
    Inactive,
}

/// <summary>An end user of the platform (kinow-customer-accounts).</summary>
public sealed class Customer : AggregateRoot
{
    private Customer()
    {
    }

    public string Email { get; private set; } = string.Empty;

    /// <summary>The email as uniqueness sees it: trimmed and lower-cased (ADR 0029). Unique across customers.</summary>
    public string NormalizedEmail { get; private set; } = string.Empty;

    /// <summary>Two addresses that differ only in case or surrounding spaces are the same customer's.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Whether <paramref name="email"/> is this customer's own address, whatever its case.</summary>
    public bool HasEmail(string email) => NormalizeEmail(email) == NormalizedEmail;

    /// <summary>Whether <paramref name="country"/> is the customer's country already (case-insensitive).</summary>
    public bool IsIn(string country) => string.Equals(Country, country, StringComparison.OrdinalIgnoreCase);

    public string Name { get; private set; } = string.Empty;

    /// <summary>The name as search sees it (<see cref="SearchKey"/>), indexed for prefix search.</summary>
    public string NormalizedName { get; private set; } = string.Empty;

    /// <summary>
    /// What search compares: trimmed, composed (NFC, so "é" typed either way matches) and lower-cased
    /// without culture, for stored names and typed queries alike.
    /// </summary>
    public static string SearchKey(string text) => text.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>BCP 47 language tag the customer browses in ("en", "fr-FR").</summary>
    public string Language { get; private set; } = "en";

    /// <summary>ISO 3166-1 alpha-2 country code, upper case.</summary>
    public string? Country { get; private set; }

    public bool Newsletter { get; private set; }

    public bool OptIn { get; private set; }

    public CustomerStatus Status { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset? LastVisitAt { get; private set; }

    /// <summary>
    /// Coupons attached to the account and not yet used: a counter the coupon flow keeps with atomic
    /// increments, so that PlaceOrder learns from the customer row it reads anyway whether to look
    /// for one (ADR 0017). Never set through the aggregate.
    /// </summary>
    public int AttachedCoupons { get; private set; }

    public static Customer Register(
        string email, string name, string language, string? country, bool newsletter, bool optIn, DateTimeOffset now)
    {
        var customer = new Customer
        {
            Id = Ids.New("cus"),
            Email = email.Trim(),
            NormalizedEmail = NormalizeEmail(email),
            Name = name.Trim(),
            NormalizedName = SearchKey(name),
            Language = language,
            Country = country?.ToUpperInvariant(),
            Newsletter = newsletter,
            OptIn = optIn,
            Status = CustomerStatus.Active,
            RegisteredAt = now,
        };
        customer.Raise(new CustomerCreated(customer.Id, customer.Email, customer.Name, language, newsletter, optIn, now));
        return customer;
    }

    public void UpdateProfile(
        string? email, string? name, string? language, string? country, bool? newsletter, bool? optIn, CustomerStatus? status, DateTimeOffset now)
    {
        var before = (Email, Name, Language, Country, Newsletter, OptIn, Status);
        Email = email?.Trim() ?? Email;
        NormalizedEmail = NormalizeEmail(Email);
        Name = name?.Trim() ?? Name;
        NormalizedName = SearchKey(Name);
        Language = language ?? Language;
        Country = country?.ToUpperInvariant() ?? Country;
        Newsletter = newsletter ?? Newsletter;
        OptIn = optIn ?? OptIn;
        Status = status ?? Status;
        Touch();
        if (before == (Email, Name, Language, Country, Newsletter, OptIn, Status))
        {
            return;
        }

        var previousEmail = NormalizeEmail(before.Email) == NormalizedEmail ? null : before.Email;
        Raise(new CustomerUpdated(Id, Email, Name, Language, Country, Newsletter, OptIn, Status, previousEmail, before.Newsletter, now));
    }

    public void RecordVisit(DateTimeOffset now)
    {
        LastVisitAt = now;
        Touch();
    }
}
