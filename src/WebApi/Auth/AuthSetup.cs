using System.Security.Claims;
using System.Text;
using CleanPrepay.Application.Abstractions.Identity;
using CleanPrepay.WebApi.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanPrepay.WebApi.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 key shared with the identity provider; at least 32 bytes. Never logged.</summary>
    public string SigningKey { get; set; } = string.Empty;

    public string Issuer { get; set; } = "cleanprepay";

    public string Audience { get; set; } = "cleanprepay-api";

    public override string ToString() => $"AuthOptions {{ Issuer = {Issuer}, Audience = {Audience} }}";

    internal SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Customer = "customer";
    public const string AdminPolicy = "admin";
}

internal static class AuthSetup
{
    public static IServiceCollection AddCleanPrepayAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => Encoding.UTF8.GetByteCount(o.SigningKey) >= 32, "Auth:SigningKey must be set to at least 32 bytes.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && !string.IsNullOrWhiteSpace(o.Audience), "Auth:Issuer and Auth:Audience are required.")
            .ValidateOnStart();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = auth.Value.Key(),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = JwtRegisteredClaimNames.Sub,
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        await WriteProblemAsync(context.HttpContext, 401, "unauthorized", "A valid bearer token is required.");
                    },
                    OnForbidden = context => WriteProblemAsync(context.HttpContext, 403, "forbidden", "This route is for the back office (role admin)."),
                };
            });

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(JwtRegisteredClaimNames.Sub)
                .RequireRole(Roles.Admin, Roles.Customer)
                .Build())
            .AddPolicy(Roles.AdminPolicy, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser().RequireRole(Roles.Admin));

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<TokenIssuer>();
        return services;
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.Create(status, code, detail) }).AsTask();
    }
}

/// <summary>The caller, read from the validated token's <c>role</c> and <c>sub</c> claims.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public UserRole Role => Principal switch
    {
        { Identity.IsAuthenticated: true } p when p.IsInRole(Roles.Admin) => UserRole.Admin,
        { Identity.IsAuthenticated: true } p when p.IsInRole(Roles.Customer) => UserRole.Customer,
        _ => UserRole.None,
    };

    public string? Subject => Principal?.FindFirstValue(JwtRegisteredClaimNames.Sub);
}

/// <summary>
/// Issues tokens the API accepts (used by the Development-only token route and by tests). Token
/// lifetimes are wall-clock time, as the bearer handler checks them, whatever the application clock says.
/// </summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options)
{
    public string Issue(string role, string subject, TimeSpan? lifetime = null)
    {
        var auth = options.Value;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = subject, ["role"] = role },
            SigningCredentials = new SigningCredentials(auth.Key(), SecurityAlgorithms.HmacSha256),
        });
    }
}
