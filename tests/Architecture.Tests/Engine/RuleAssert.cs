using Mono.Cecil;
using Mono.Cecil.Cil;

namespace CleanPrepay.Architecture.Tests.Engine;

public static class RuleAssert
{
    /// <summary>Fails with every violation listed (type -> forbidden thing (via where)).</summary>
    public static void NoViolations(RuleResult result)
    {
        if (!result.Passed)
        {
            Assert.Fail(result.Describe());
        }
    }

    /// <summary>
    /// A canary: the rule must report <paramref name="forbidden"/> for <paramref name="type"/> (the type itself
    /// or one of its nested compiler-generated types), optionally at a place whose description contains
    /// <paramref name="via"/>. Returns the matching violations.
    /// </summary>
    public static IReadOnlyList<Violation> Reports(RuleResult result, string type, string forbidden, string? via = null)
    {
        var matches = result.Violations
            .Where(v => (v.Type == type || v.Type.StartsWith(type + "+", StringComparison.Ordinal))
                && v.Forbidden.Contains(forbidden, StringComparison.Ordinal)
                && (via is null || v.Via.Contains(via, StringComparison.Ordinal)))
            .ToList();
        if (matches.Count == 0)
        {
            Assert.Fail($"Canary not caught: expected a violation for {type} -> {forbidden}"
                + (via is null ? "" : $" (via {via})") + Environment.NewLine + result.Describe());
        }

        return matches;
    }

    /// <summary>The rule reports nothing for <paramref name="type"/> (and its nested types) but did inspect it.</summary>
    public static void Clean(RuleResult result, string type)
    {
        Assert.Contains(type, result.InspectedTypes);
        var found = result.Violations
            .Where(v => v.Type == type || v.Type.StartsWith(type + "+", StringComparison.Ordinal))
            .ToList();
        if (found.Count > 0)
        {
            Assert.Fail($"Expected no violation for {type}:" + Environment.NewLine + string.Join(Environment.NewLine, found));
        }
    }
}

/// <summary>
/// Builds a tiny assembly in memory, writes it to bytes and reads it back with the same reader the real
/// layers go through: for canaries the compiler would not produce (an unused assembly reference, a layer
/// named CleanPrepay.Domain that references CleanPrepay.Application).
/// </summary>
public static class InMemoryAssembly
{
    public static CompiledModule Build(string name, Action<ModuleDefinition> define)
    {
        using var assembly = AssemblyDefinition.CreateAssembly(
            new AssemblyNameDefinition(name, new Version(1, 0, 0, 0)), name + ".dll", ModuleKind.Dll);
        var module = assembly.MainModule;
        define(module);
        using var bytes = new MemoryStream();
        assembly.Write(bytes);
        return CompiledModule.Read(bytes.ToArray());
    }

    public static AssemblyNameReference Reference(ModuleDefinition module, string assemblyName)
    {
        var reference = module.AssemblyReferences.FirstOrDefault(r => r.Name == assemblyName);
        if (reference is null)
        {
            reference = new AssemblyNameReference(assemblyName, new Version(1, 0, 0, 0));
            module.AssemblyReferences.Add(reference);
        }

        return reference;
    }

    /// <summary>A reference to <paramref name="ns"/>.<paramref name="name"/> in <paramref name="assemblyName"/>, which need not exist.</summary>
    public static TypeReference ExternalType(ModuleDefinition module, string assemblyName, string ns, string name) =>
        new(ns, name, module, Reference(module, assemblyName));

    /// <summary>Adds a public class whose only method's body loads <paramref name="referenced"/> with ldtoken.</summary>
    public static TypeDefinition AddTypeTouching(ModuleDefinition module, string ns, string name, TypeReference? referenced)
    {
        var type = new TypeDefinition(ns, name, TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, module.TypeSystem.Object);
        var method = new MethodDefinition("Probe", MethodAttributes.Public | MethodAttributes.Static, module.TypeSystem.Void);
        var il = method.Body.GetILProcessor();
        if (referenced is not null)
        {
            il.Emit(OpCodes.Ldtoken, referenced);
            il.Emit(OpCodes.Pop);
        }

        il.Emit(OpCodes.Ret);
        type.Methods.Add(method);
        module.Types.Add(type);
        return type;
    }
}
