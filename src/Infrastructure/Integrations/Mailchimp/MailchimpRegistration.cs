using CleanPrepay.Domain.Customers.Events;
using CleanPrepay.Infrastructure.Persistence.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanPrepay.Infrastructure.Integrations.Mailchimp;

internal static class MailchimpRegistration
{
    /// <summary>Off until Integrations:Mailchimp:ApiKey and ListId are set; then two outbox handlers and a typed client.</summary>
    public static IServiceCollection AddMailchimp(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MailchimpOptions.Section);
        services.Configure<MailchimpOptions>(section);
        var options = section.Get<MailchimpOptions>() ?? new MailchimpOptions();
        if (!options.IsConfigured)
        {
            return services;
        }

        services.AddSingleton<MailchimpHealth>();
        services.AddHttpClient<MailchimpClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<MailchimpOptions>>().Value.MaxConnections,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers(); // its URLs carry the subscriber hash, an email's md5
        services.AddScoped<IOutboxHandler>(sp => new MailchimpNewsletterSync(nameof(CustomerCreated), sp));
        services.AddScoped<IOutboxHandler>(sp => new MailchimpNewsletterSync(nameof(CustomerUpdated), sp));
        services.AddHealthChecks().AddCheck<MailchimpHealth>("mailchimp", tags: ["ready"]);
        return services;
    }
}
