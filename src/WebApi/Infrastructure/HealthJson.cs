using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>Health answers as JSON, each check with its status: a degraded integration shows which one, and why.</summary>
internal static class HealthJson
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = Name(report.Status),
            checks = report.Entries.Select(e => new { name = e.Key, status = Name(e.Value.Status), description = e.Value.Description }),
        }, JsonSerializerOptions.Web);
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
