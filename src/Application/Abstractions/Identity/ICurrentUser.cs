namespace CleanPrepay.Application.Abstractions.Identity;

public enum UserRole
{
    None,
    Admin,
    Customer,
}

/// <summary>Who is calling, as established by authentication.</summary>
public interface ICurrentUser
{
    UserRole Role { get; }

    /// <summary>The token's subject.</summary>
    string? Subject { get; }

    bool IsAdmin => Role == UserRole.Admin;

    /// <summary>The customer id when the caller is a customer.</summary>
    string? CustomerId => Role == UserRole.Customer ? Subject : null;

    /// <summary>How the caller is recorded in ledgers and audit fields: <c>admin:ops@x</c>, <c>customer:cus_…</c>, <c>system</c>.</summary>
    string Actor => Role switch
    {
        UserRole.Admin => $"admin:{Subject}",
        UserRole.Customer => $"customer:{Subject}",
        _ => "system",
    };
}
