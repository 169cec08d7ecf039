// Deliberate violations of the endpoint rule, for the canary tests. Nothing maps these routes.
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Architecture.Tests.Canaries.WebApi.Persistence;
using CleanPrepay.Infrastructure.Persistence;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.Architecture.Tests.Canaries.WebApi.Endpoints
{
    /// <summary>The DbContext as a minimal-API lambda parameter: only the lambda's closure class sees it.</summary>
    public static class DbContextParameterEndpoints
    {
        public static void MapDbContextParameter(this IEndpointRouteBuilder app) =>
            app.MapGet("/canary/a", (CleanPrepayDbContext db) => db.IsPostgres);
    }

    /// <summary>The DbContext pulled from the container inside a lambda: only a generic method argument names it.</summary>
    public static class ServiceLocatorEndpoints
    {
        public static void MapServiceLocator(this IEndpointRouteBuilder app) =>
            app.MapGet("/canary/b", (HttpContext http) => http.RequestServices.GetRequiredService<CleanPrepayDbContext>().IsPostgres);
    }

    /// <summary>The persistence port inside an async lambda: only the async state machine nested in the closure sees it.</summary>
    public static class PortInAsyncLambdaEndpoints
    {
        public static void MapPortInAsyncLambda(this IEndpointRouteBuilder app) =>
            app.MapGet("/canary/c", async (HttpContext http) =>
            {
                await Task.Yield();
                return http.RequestServices.GetRequiredService<IApplicationDbContext>().GetHashCode();
            });
    }

    /// <summary>Any EF Core type.</summary>
    public static class EfCoreEndpoints
    {
        public static void MapEfCore(this IEndpointRouteBuilder app) =>
            app.MapGet("/canary/d", (HttpContext http) => http.RequestServices.GetRequiredService<DbContextOptions>().IsFrozen);
    }

    /// <summary>Another DbContext, in a namespace the rule does not name: caught because it derives from DbContext.</summary>
    public static class DerivedDbContextEndpoints
    {
        public static void MapDerivedDbContext(this IEndpointRouteBuilder app) =>
            app.MapGet("/canary/e", (HttpContext http) => http.RequestServices.GetRequiredService<CanaryReadDbContext>().GetHashCode());
    }

    /// <summary>A type from an Infrastructure persistence namespace (ADR 0010).</summary>
    public static class OutboxEndpoints
    {
        public static void MapOutbox(this IEndpointRouteBuilder app) =>
            app.MapGet("/canary/f", (HttpContext http) => http.RequestServices.GetServices<IOutboxHandler>().Count());
    }

    /// <summary>The negative control: an endpoint that sends through the mediator. The rule must stay silent.</summary>
    public static class MediatorOnlyEndpoints
    {
        public static void MapMediatorOnly(this IEndpointRouteBuilder app) =>
            app.MapGet("/canary/ok", async (IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new global::CleanPrepay.Application.Settings.GetSettings.GetSettingsQuery(), ct));
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.WebApi.Persistence
{
    public sealed class CanaryReadDbContext(DbContextOptions<CanaryReadDbContext> options) : DbContext(options);
}

namespace CleanPrepay.Architecture.Tests.Canaries.WebApi
{
    /// <summary>Outside the endpoints namespace, like the composition root: the rule must not look here.</summary>
    public static class CompositionRoot
    {
        public static void Register(IServiceCollection services) =>
            services.AddDbContext<CleanPrepayDbContext>(o => o.UseSqlite("Data Source=:memory:"));
    }
}
