namespace CleanPrepay.Application.Abstractions.Identity;

/// <summary>Who is calling, as established by authentication.</summary>
public interface ICurrentUser
{
    UserRole Role { get; }

    /// <summary>The token's subject.</summary>
    string? Subject { get; }

    bool IsAdmin => Role == UserRole.Admin;

    /// <summary>The customer id when the caller is a customer.</summary>
    string? CustomerId => Role == UserRole.Customer ? Subject : null;

    /// <summary>
    /// The customer a list may show: the one asked for, for staff (null = everyone); the caller's own
    /// for a customer, who may name no one else (false: answer 404).
    /// </summary>
    bool TryScopeToCustomer(string? requested, out string? customerId)
    {
        customerId = IsAdmin ? requested : CustomerId;
        return IsAdmin || requested is null || requested == CustomerId;
    }

    /// <summary>How the caller is recorded in ledgers and audit fields: <c>admin:ops@x</c>, <c>customer:cus_…</c>, <c>system</c>.</summary>
    string Actor => Role switch
    {
        UserRole.Admin => $"admin:{Subject}",
        UserRole.Customer => $"customer:{Subject}",
        _ => "system",
    };
}
