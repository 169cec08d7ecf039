using Mono.Cecil;

namespace CleanPrepay.Architecture.Tests.Engine;

/// <summary>
/// A type one inspected type depends on. <see cref="Assembly"/> is the assembly that defines it (the
/// inspected module's own assembly for its own types); <see cref="Namespace"/> is the namespace of the
/// outermost declaring type, so nested types count as part of it. An assembly reference alone is a
/// dependency with no type.
/// </summary>
public sealed record Dependency(string Assembly, string Namespace, string FullName, TypeReference? Type)
{
    public static Dependency OnAssembly(string assemblyName) => new(assemblyName, "", "", null);

    public override string ToString() => Type is null ? $"assembly {Assembly}" : $"{FullName} [{Assembly}]";
}

/// <param name="Type">The offending type, nested types as <c>Outer+Inner</c>; <c>&lt;assembly X&gt;</c> for module-level findings.</param>
/// <param name="Forbidden">What it must not touch (a type and its assembly, an assembly, or a broken convention).</param>
/// <param name="Via">Where it touches it: field, base type, <c>newobj in method M</c>, …</param>
public sealed record Violation(string Type, string Forbidden, string Via)
{
    public override string ToString() => $"{Type} -> {Forbidden} (via {Via})";
}

/// <param name="Rule">The rule's name, for the failure message.</param>
/// <param name="Assembly">The assembly the rule read: the wrong-assembly guard asserts on it.</param>
/// <param name="InspectedTypes">Every type the rule looked at (nested ones included), so a rule that matched nothing can be caught.</param>
/// <param name="SeenAssemblies">The assemblies of every dependency the rule examined, allowed or not.</param>
/// <param name="SeenTypes">The full names of every type dependency the rule examined, allowed or not.</param>
public sealed record RuleResult(
    string Rule,
    string Assembly,
    IReadOnlyList<string> InspectedTypes,
    IReadOnlyList<Violation> Violations,
    IReadOnlySet<string> SeenAssemblies,
    IReadOnlySet<string> SeenTypes)
{
    public bool Passed => Violations.Count == 0;

    public string Describe()
    {
        var lines = new List<string>
        {
            $"Architecture rule \"{Rule}\" on {Assembly}: {Violations.Count} violation(s) in {InspectedTypes.Count} inspected type(s).",
        };
        lines.AddRange(Violations.Select(v => "  - " + v));
        return string.Join(Environment.NewLine, lines);
    }

    public static RuleResult Combine(string rule, string assembly, IEnumerable<RuleResult> parts)
    {
        var list = parts.ToList();
        return new RuleResult(
            rule,
            assembly,
            list.SelectMany(p => p.InspectedTypes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            list.SelectMany(p => p.Violations).Distinct().ToList(),
            list.SelectMany(p => p.SeenAssemblies).ToHashSet(StringComparer.Ordinal),
            list.SelectMany(p => p.SeenTypes).ToHashSet(StringComparer.Ordinal));
    }
}
