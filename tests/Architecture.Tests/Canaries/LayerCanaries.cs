// Deliberate violations of the Application and Infrastructure rules, for the canary tests. Nothing runs them.
using CleanPrepay.Domain.Customers;
using CleanPrepay.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CleanPrepay.Architecture.Tests.Canaries.Application
{
    /// <summary>
    /// EF Core Relational through an extension method that lives in the namespace Microsoft.EntityFrameworkCore:
    /// only the defining assembly gives it away.
    /// </summary>
    public static class UsesEfCoreRelational
    {
        public static System.Data.Common.DbConnection Connection(DatabaseFacade database) => database.GetDbConnection();
    }

    /// <summary>The SQLite provider, again through the namespace Microsoft.EntityFrameworkCore.</summary>
    public static class UsesSqliteProvider
    {
        public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder) => builder.UseSqlite("Data Source=:memory:");
    }

    /// <summary>The PostgreSQL provider.</summary>
    public static class UsesNpgsqlProvider
    {
        public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder) => builder.UseNpgsql("Host=localhost");
    }

    /// <summary>Microsoft.Data.Sqlite directly.</summary>
    public static class UsesMicrosoftDataSqlite
    {
        public static object Connect() => new Microsoft.Data.Sqlite.SqliteConnection();
    }

    /// <summary>The Infrastructure layer.</summary>
    public static class UsesInfrastructure
    {
        public static Type Context() => typeof(CleanPrepayDbContext);
    }

    /// <summary>The WebApi layer, through <c>Program</c>, which lives in the global namespace: only its assembly gives it away.</summary>
    public static class UsesWebApi
    {
        public static Type EntryPoint() => typeof(Program);
    }

    /// <summary>ASP.NET Core.</summary>
    public static class UsesAspNetCore
    {
        public static string? Path(Microsoft.AspNetCore.Http.HttpContext context) => context.Request.Path.Value;
    }

    /// <summary>The negative control: Domain, EF Core (ADR 0001), MediatR. The rule must stay silent.</summary>
    public static class CleanApplicationCode
    {
        public static IQueryable<Customer> Untracked(DbSet<Customer> customers) => customers.AsNoTracking();

        public static Type Mediator() => typeof(IMediator);
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Infrastructure
{
    /// <summary>WebApi's entry point (global namespace).</summary>
    public static class UsesWebApiProgram
    {
        public static Type EntryPoint() => typeof(Program);
    }

    /// <summary>A type in a CleanPrepay.WebApi namespace.</summary>
    public static class UsesWebApiRoles
    {
        public static string Admin() => CleanPrepay.WebApi.Auth.Roles.AdminPolicy;

        public static Type Roles() => typeof(CleanPrepay.WebApi.Auth.Roles);
    }

    /// <summary>The negative control: Application, the DbContext, EF Core Relational. The rule must stay silent.</summary>
    public static class CleanInfrastructureCode
    {
        public static System.Data.Common.DbConnection Connection(CleanPrepayDbContext db) => db.Database.GetDbConnection();
    }
}
