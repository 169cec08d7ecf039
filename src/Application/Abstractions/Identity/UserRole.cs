namespace CleanPrepay.Application.Abstractions.Identity;

public enum UserRole
{
    None,
    Admin,
    Customer,
}
