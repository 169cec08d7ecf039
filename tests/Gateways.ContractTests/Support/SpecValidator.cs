using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CleanPrepay.Gateways.ContractTests.Support;

/// <summary>One request's verdict from the providers' published spec.</summary>
public sealed record SpecVerdict(string? Operation, IReadOnlyList<string> Errors)
{
    public override string ToString() => $"{Operation}: {string.Join("; ", Errors)}";
}

/// <summary>
/// Checks requests against Stripe's and PayPal's published OpenAPI specs with ajv
/// (tests/Gateways.ContractTests/contract/validate.mjs, its packages installed by ./test.sh with npm ci).
/// </summary>
public static class SpecValidator
{
    public static string ContractDirectory => Path.Combine(Specs.Repo, "tests", "Gateways.ContractTests", "contract");

    public static async Task<IReadOnlyList<SpecVerdict>> ValidateAsync(string provider, IEnumerable<RecordedRequest> requests)
    {
        var list = requests.Select(r => new JsonObject
        {
            ["provider"] = provider,
            ["method"] = r.Method,
            ["path"] = r.Path,
            ["query"] = r.Query,
            ["contentType"] = r.Header("Content-Type"),
            ["body"] = r.Body,
        }).ToList();
        if (!Directory.Exists(Path.Combine(ContractDirectory, "node_modules")))
        {
            throw new InvalidOperationException($"Run `npm ci` in {ContractDirectory} first (./test.sh does).");
        }

        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, new JsonArray([.. list]).ToJsonString());
            var start = new ProcessStartInfo("node", ["validate.mjs", Specs.Root, input])
            {
                WorkingDirectory = ContractDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"validate.mjs exited with {process.ExitCode}: {await error}");
            }

            return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<JsonObject>(line)!)
                .OrderBy(o => o["index"]!.GetValue<int>())
                .Select(o => new SpecVerdict(o["operation"]?.GetValue<string>(), o["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList()))
                .ToList();
        }
        finally
        {
            File.Delete(input);
        }
    }
}
