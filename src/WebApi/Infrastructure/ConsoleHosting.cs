using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CleanPrepay.WebApi.Infrastructure;

/// <summary>
/// Serves the back-office console's build (clients/console/dist) at /console, same origin as the API.
/// Without a build the API still starts and says where the console would be (issue 16).
/// </summary>
internal static class ConsoleHosting
{
    public const string Section = "Console";

    private const string BuildHint = "npm --prefix clients/console ci && npm --prefix clients/console run build";

    // Only our own files: no inline script, no other origin, never framed.
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static void MapConsole(this WebApplication app)
    {
        var root = app.Configuration[$"{Section}:Root"] ?? FindBuild(app.Environment.ContentRootPath);
        if (root is null || !File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogInformation("The console is not built; run `{Command}` and it is served at /console", BuildHint);
            app.MapGet("/console/{**path}", () => Problems.From(new Domain.Common.Error(
                    "console_not_built", $"The console is not built on this server: run `{BuildHint}`, then restart the API.", Domain.Common.ErrorKind.NotFound)))
                .AllowAnonymous()
                .ExcludeFromDescription();
            return;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        var types = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
        app.MapGet("/console/{**path}", (string? path, HttpContext context) =>
            {
                if (!context.Request.Path.Value!.EndsWith('/') && string.IsNullOrEmpty(path))
                {
                    return Results.Redirect("/console/"); // relative asset URLs need the slash
                }

                // A built file by its name; any other path is a console route, answered by index.html.
                var file = string.IsNullOrEmpty(path) ? null : files.GetFileInfo(path);
                var asset = file is { Exists: true, IsDirectory: false };
                var served = asset ? file! : files.GetFileInfo("index.html");
                var headers = context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = Policy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                // Vite names assets by content hash: they never change; index.html always may.
                headers[HeaderNames.CacheControl] = asset && path!.StartsWith("assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
                var type = types.TryGetContentType(served.Name, out var known) ? known : "application/octet-stream";
                return Results.File(served.CreateReadStream(), served.Name == "index.html" ? "text/html; charset=utf-8" : type);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.Logger.LogInformation("The console is served at /console from {Root}", files.Root);
    }

    /// <summary>clients/console/dist of the checkout the API runs from, found upward from its content root.</summary>
    private static string? FindBuild(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "clients", "console", "dist");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
