using System.Reflection;
using Mono.Cecil;
using CleanPrepay.Domain.Monetary;

namespace CleanPrepay.Architecture.Tests.Engine;

/// <summary>
/// One assembly read with Mono.Cecil (never loaded for execution), plus the resolver its references
/// resolve through. Each test reads its own copy: Cecil's lazy reading is not thread-safe and xunit
/// runs test classes in parallel.
/// </summary>
public sealed class CompiledModule : IDisposable
{
    private readonly DefaultAssemblyResolver _resolver;
    private readonly Stream? _image;

    private CompiledModule(ModuleDefinition module, DefaultAssemblyResolver resolver, Stream? image)
    {
        Module = module;
        _resolver = resolver;
        _image = image;
    }

    public ModuleDefinition Module { get; }

    public string AssemblyName => ArchitectureRules.AssemblyName(Module);

    /// <summary>
    /// Reads the file the runtime loaded <paramref name="assembly"/> from and checks that it is the assembly
    /// the caller meant: a rule pointed at the wrong file fails here, not silently.
    /// </summary>
    public static CompiledModule Of(Assembly assembly, string expectedName)
    {
        var module = Read(assembly.Location);
        if (module.AssemblyName != expectedName)
        {
            module.Dispose();
            throw new InvalidOperationException($"Expected to read {expectedName} but {assembly.Location} is {module.AssemblyName}.");
        }

        return module;
    }

    public static CompiledModule Read(string path) => Read(stream: null, path);

    /// <summary>Reads an assembly image from memory; the module reads lazily from it, so it owns the bytes until disposed.</summary>
    public static CompiledModule Read(byte[] image) => Read(new MemoryStream(image, writable: false), path: null);

    private static CompiledModule Read(Stream? stream, string? path)
    {
        var resolver = new DefaultAssemblyResolver();
        foreach (var directory in SearchDirectories())
        {
            resolver.AddSearchDirectory(directory);
        }

        var parameters = new ReaderParameters { AssemblyResolver = resolver, InMemory = true, ReadSymbols = false };
        try
        {
            var module = stream is null
                ? ModuleDefinition.ReadModule(path!, parameters)
                : ModuleDefinition.ReadModule(stream, parameters);
            return new CompiledModule(module, resolver, stream);
        }
        catch
        {
            resolver.Dispose();
            stream?.Dispose();
            throw;
        }
    }

    /// <summary>The test's output folder (every package assembly) and the shared frameworks (BCL, ASP.NET Core).</summary>
    private static IEnumerable<string> SearchDirectories() =>
        new[]
        {
            AppContext.BaseDirectory,
            Path.GetDirectoryName(typeof(object).Assembly.Location),
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location),
        }
        .OfType<string>()
        .Where(d => d.Length > 0)
        .Distinct(StringComparer.Ordinal);

    public void Dispose()
    {
        Module.Dispose();
        _resolver.Dispose();
        _image?.Dispose();
    }
}

/// <summary>The four layers, located through a type each one defines.</summary>
public static class Layers
{
    public static CompiledModule Domain() =>
        CompiledModule.Of(typeof(Money).Assembly, ArchitectureRules.DomainAssembly);

    public static CompiledModule Application() =>
        CompiledModule.Of(typeof(CleanPrepay.Application.DependencyInjection).Assembly, ArchitectureRules.ApplicationAssembly);

    public static CompiledModule Infrastructure() =>
        CompiledModule.Of(typeof(CleanPrepay.Infrastructure.DependencyInjection).Assembly, ArchitectureRules.InfrastructureAssembly);

    public static CompiledModule WebApi() =>
        CompiledModule.Of(typeof(Program).Assembly, ArchitectureRules.WebApiAssembly);

    /// <summary>This test assembly, home of the canaries.</summary>
    public static CompiledModule Canaries() =>
        CompiledModule.Of(typeof(Layers).Assembly, "CleanPrepay.Architecture.Tests");
}
