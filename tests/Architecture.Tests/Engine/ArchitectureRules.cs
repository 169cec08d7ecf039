using Mono.Cecil;

namespace CleanPrepay.Architecture.Tests.Engine;

/// <summary>
/// The architecture rules of ADR 0001 / ADR 0010 over compiled assemblies read with Mono.Cecil.
/// Every rule takes the module to read and, optionally, a scope (which of its types to inspect), so the
/// same function runs on the real layer and on the deliberately violating canaries of this test
/// assembly. A rule returns what it found; it never asserts.
/// </summary>
public static class ArchitectureRules
{
    public const string DomainAssembly = "CleanPrepay.Domain";
    public const string ApplicationAssembly = "CleanPrepay.Application";
    public const string InfrastructureAssembly = "CleanPrepay.Infrastructure";
    public const string WebApiAssembly = "CleanPrepay.WebApi";
    public const string EndpointsNamespace = "CleanPrepay.WebApi.Endpoints";
    public const string GatewaysNamespace = "CleanPrepay.Infrastructure.Gateways";
    public const string DbContextType = "CleanPrepay.Infrastructure.Persistence.CleanPrepayDbContext";
    public const string ApplicationDbContextPort = "CleanPrepay.Application.Abstractions.Persistence.IApplicationDbContext";
    public const string RequestHandlerInterface = "MediatR.IRequestHandler`2";
    public const string RequestInterface = "MediatR.IRequest`1";
    public const string ValidatorBaseType = "FluentValidation.AbstractValidator`1";

    /// <summary>Third-party frameworks the Domain must not know (docs/reference/style.md#layout: the BCL only).</summary>
    public static readonly IReadOnlyList<string> DomainForbiddenFrameworks =
    [
        "Microsoft.EntityFrameworkCore", "MediatR", "Microsoft.AspNetCore", "FluentValidation", "AutoMapper",
        "Npgsql", "Microsoft.Data.Sqlite", "SQLitePCL", "SQLitePCLRaw",
    ];

    /// <summary>Outer layers, database providers and ASP.NET Core. EF Core itself is allowed (ADR 0001).</summary>
    public static readonly IReadOnlyList<string> ApplicationForbidden =
    [
        InfrastructureAssembly, WebApiAssembly,
        "Npgsql", "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.Data.Sqlite", "SQLitePCL", "SQLitePCLRaw",
        "Microsoft.EntityFrameworkCore.Relational", "Microsoft.AspNetCore",
    ];

    public static readonly IReadOnlyList<string> InfrastructureForbidden = [WebApiAssembly];

    /// <summary>Types an endpoint must not touch, nor anything deriving from or implementing them.</summary>
    public static readonly IReadOnlyList<string> PersistenceTypes =
    [
        DbContextType, ApplicationDbContextPort, "Microsoft.EntityFrameworkCore.DbContext",
    ];

    /// <summary>Namespaces and assemblies an endpoint must not touch at all.</summary>
    public static readonly IReadOnlyList<string> EndpointForbidden =
    [
        "Microsoft.EntityFrameworkCore", "CleanPrepay.Infrastructure.Persistence", "CleanPrepay.Application.Abstractions.Persistence",
        "Npgsql", "Microsoft.Data.Sqlite",
    ];

    // ---- rule 1: Domain ---------------------------------------------------------------------------

    /// <summary>Domain references no other CleanPrepay assembly and none of the frameworks above.</summary>
    public static RuleResult DomainIsIndependent(ModuleDefinition module, Func<TypeDefinition, bool>? scope = null)
    {
        var self = AssemblyName(module);
        return Check("Domain references no other CleanPrepay assembly, EF Core, MediatR, ASP.NET Core, FluentValidation, AutoMapper or a database provider",
            module, scope, d => IsOtherCleanPrepayAssembly(d.Assembly, self)
                || IsUnderAny(d.Assembly, DomainForbiddenFrameworks)
                || IsUnderAny(d.Namespace, DomainForbiddenFrameworks));
    }

    /// <summary>docs/reference/style.md's stronger form: the Domain references the BCL and itself, nothing else.</summary>
    public static RuleResult DomainReferencesOnlyTheBcl(ModuleDefinition module, Func<TypeDefinition, bool>? scope = null)
    {
        var self = AssemblyName(module);
        return Check("Domain references the BCL only", module, scope,
            d => d.Assembly != self && !IsBclAssembly(d.Assembly));
    }

    // ---- rule 2 and 3: Application, Infrastructure -------------------------------------------------

    public static RuleResult ApplicationDoesNotDependOnOuterLayers(ModuleDefinition module, Func<TypeDefinition, bool>? scope = null) =>
        Check("Application references no Infrastructure, WebApi, database provider, EF Core Relational or ASP.NET Core",
            module, scope, d => IsUnderAny(d.Assembly, ApplicationForbidden) || IsUnderAny(d.Namespace, ApplicationForbidden));

    public static RuleResult InfrastructureDoesNotDependOnWebApi(ModuleDefinition module, Func<TypeDefinition, bool>? scope = null) =>
        Check("Infrastructure references no WebApi",
            module, scope, d => IsUnderAny(d.Assembly, InfrastructureForbidden) || IsUnderAny(d.Namespace, InfrastructureForbidden));

    // ---- rule 4: endpoints -----------------------------------------------------------------------

    /// <summary>
    /// No type in <paramref name="endpointsNamespace"/> (nested lambda closures and async state machines
    /// included) touches the DbContext, the persistence port, a type deriving from either, EF Core, or a
    /// persistence namespace. The composition root (<c>Program</c>) is outside the namespace on purpose.
    /// </summary>
    public static RuleResult EndpointsDoNotTouchPersistence(ModuleDefinition module, string endpointsNamespace = EndpointsNamespace) =>
        Check($"Endpoints ({endpointsNamespace}) never touch the DbContext",
            module, t => IsUnder(TopLevelNamespace(t), endpointsNamespace), assemblyLevel: false,
            isForbidden: d => d.Type is not null
                && (IsUnderAny(d.Assembly, EndpointForbidden)
                    || IsUnderAny(d.Namespace, EndpointForbidden)
                    || IsOrInheritsAny(d.Type, PersistenceTypes)));

    // ---- rule 5: gateway adapters ----------------------------------------------------------------

    /// <summary>The providers: first namespace segment under <paramref name="gatewaysNamespace"/> of any type.</summary>
    public static IReadOnlyList<string> GatewayProviders(ModuleDefinition module, string gatewaysNamespace = GatewaysNamespace) =>
        AllTypes(module)
            .Select(t => ProviderOf(TopLevelNamespace(t), gatewaysNamespace))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// No type under <c>Gateways.X</c> references a type under <c>Gateways.Y</c> (Y ≠ X). Types directly
    /// in <paramref name="gatewaysNamespace"/> (the registry, shared helpers) are open to every provider.
    /// </summary>
    public static RuleResult GatewayAdaptersAreIsolated(ModuleDefinition module, string gatewaysNamespace = GatewaysNamespace)
    {
        var providers = GatewayProviders(module, gatewaysNamespace);
        var perProvider = providers.Select(provider => Check(
            $"Gateway adapter {provider} references no other adapter",
            module,
            t => ProviderOf(TopLevelNamespace(t), gatewaysNamespace) == provider,
            assemblyLevel: false,
            isForbidden: d => ProviderOf(d.Namespace, gatewaysNamespace) is { } other && other != provider));
        return RuleResult.Combine(
            $"Gateway adapters under {gatewaysNamespace} never reference each other (providers: {string.Join(", ", providers)})",
            AssemblyName(module),
            perProvider);
    }

    // ---- rule 6: docs/reference/style.md conventions ---------------------------------------------

    /// <summary>Every non-abstract class implementing <c>IRequestHandler&lt;,&gt;</c> is internal (not visible outside its assembly) and sealed.</summary>
    public static RuleResult HandlersAreInternalSealed(ModuleDefinition module, Func<TypeDefinition, bool>? scope = null)
    {
        var inspected = new List<string>();
        var violations = new List<Violation>();
        foreach (var type in AllTypes(module).Where(t => scope?.Invoke(t) ?? true))
        {
            if (type.IsInterface || type.IsAbstract || !Implements(type, RequestHandlerInterface))
            {
                continue;
            }

            inspected.Add(DisplayName(type));
            if (IsVisibleOutsideAssembly(type))
            {
                violations.Add(new Violation(DisplayName(type), "public visibility (handlers are internal)", "type accessibility"));
            }

            if (!type.IsSealed)
            {
                violations.Add(new Violation(DisplayName(type), "unsealed class (handlers are sealed)", "type modifiers"));
            }
        }

        return Conventions("Request handlers are internal sealed", module, inspected, violations);
    }

    /// <summary>
    /// Every non-abstract type implementing <c>IRequest&lt;&gt;</c> is a record (has <c>&lt;Clone&gt;$</c>) and
    /// immutable: no setter that is not <c>init</c>, no writable instance field, up its base chain.
    /// </summary>
    public static RuleResult RequestsAreImmutableRecords(ModuleDefinition module, Func<TypeDefinition, bool>? scope = null)
    {
        var inspected = new List<string>();
        var violations = new List<Violation>();
        foreach (var type in AllTypes(module).Where(t => scope?.Invoke(t) ?? true))
        {
            if (type.IsInterface || type.IsAbstract || !Implements(type, RequestInterface))
            {
                continue;
            }

            var name = DisplayName(type);
            inspected.Add(name);
            if (!type.Methods.Any(m => m.Name == "<Clone>$"))
            {
                violations.Add(new Violation(name, "not a record (requests are immutable records)", "no <Clone>$ method"));
            }

            for (var current = type; current is not null && current.FullName != "System.Object"; current = current.BaseType?.Resolve())
            {
                foreach (var property in current.Properties.Where(p => p.SetMethod is { } setter && !IsInitOnly(setter)))
                {
                    violations.Add(new Violation(name, $"mutable property {current.Name}.{property.Name} (set, not init)", "property setter"));
                }

                foreach (var field in current.Fields.Where(f => !f.IsStatic && !f.IsInitOnly))
                {
                    violations.Add(new Violation(name, $"writable field {current.Name}.{field.Name}", "field without readonly"));
                }
            }
        }

        return Conventions("Requests (IRequest<T>) are immutable records", module, inspected, violations);
    }

    // ---- rule 7: one layout (ADR 0034) ------------------------------------------------------------

    /// <summary>
    /// Every request (a non-abstract <c>IRequest&lt;T&gt;</c>) under <paramref name="root"/> is named
    /// <c>XCommand</c> or <c>XQuery</c>, lives in <c>root.Feature.X</c> and has its handlers (at least
    /// one) and its validators (if any) there too.
    /// <paramref name="exempt"/> lists requests (full names) not moved yet.
    /// </summary>
    public static RuleResult RequestsLiveInTheirUseCaseFolder(ModuleDefinition module, string root, IReadOnlyCollection<string>? exempt = null)
    {
        var types = AllTypes(module).Where(t => IsUnder(TopLevelNamespace(t), root)).ToList();
        var handlers = types
            .Where(t => !t.IsInterface && !t.IsAbstract && Implements(t, RequestHandlerInterface))
            .SelectMany(h => HandledRequests(h).Distinct(StringComparer.Ordinal).Select(r => (Request: r, Handler: h)))
            .ToLookup(x => x.Request, x => x.Handler, StringComparer.Ordinal);
        var validators = types
            .Where(t => !t.IsInterface && !t.IsAbstract)
            .Select(v => (Request: ValidatedType(v), Validator: v))
            .Where(x => x.Request is not null)
            .ToLookup(x => x.Request!, x => x.Validator, StringComparer.Ordinal);
        var inspected = new List<string>();
        var violations = new List<Violation>();
        foreach (var request in types.Where(t => !t.IsInterface && !t.IsAbstract && Implements(t, RequestInterface)))
        {
            var name = DisplayName(request);
            inspected.Add(name);
            if (exempt?.Contains(name) == true)
            {
                continue;
            }

            var useCase = UseCaseOf(request.Name);
            var segments = TopLevelNamespace(request)[root.Length..].Split('.', StringSplitOptions.RemoveEmptyEntries);
            if (useCase is null)
            {
                violations.Add(new Violation(name, "a request name that ends neither in Command nor in Query", "type name"));
            }
            else if (request.DeclaringType is not null || segments.Length != 2 || segments[1] != useCase)
            {
                violations.Add(new Violation(name, $"a namespace other than {root}.<Feature>.{useCase}", "namespace " + TopLevelNamespace(request)));
            }

            var found = handlers[name].ToList();
            if (found.Count == 0)
            {
                violations.Add(new Violation(name, "no handler", "IRequestHandler implementations"));
            }

            foreach (var handler in found.Where(h => TopLevelNamespace(h) != TopLevelNamespace(request)))
            {
                violations.Add(new Violation(name, $"its handler {DisplayName(handler)} in another namespace", "namespace " + TopLevelNamespace(handler)));
            }

            foreach (var validator in validators[name].Where(v => TopLevelNamespace(v) != TopLevelNamespace(request)))
            {
                violations.Add(new Violation(name, $"its validator {DisplayName(validator)} in another namespace", "namespace " + TopLevelNamespace(validator)));
            }
        }

        return Conventions($"Requests live in {root}.<Feature>.<UseCase> with their handlers and validators", module, inspected, violations);
    }

    /// <summary>The use case a request names: <c>TopUpWalletCommand</c> → <c>TopUpWallet</c>; null for any other name.</summary>
    public static string? UseCaseOf(string requestName)
    {
        foreach (var suffix in new[] { "Command", "Query" })
        {
            if (requestName.Length > suffix.Length && requestName.EndsWith(suffix, StringComparison.Ordinal))
            {
                return requestName[..^suffix.Length];
            }
        }

        return null;
    }

    /// <summary>What a FluentValidation validator validates: the first closed type argument up its base chain, if the chain reaches AbstractValidator.</summary>
    private static string? ValidatedType(TypeDefinition type)
    {
        string? validated = null;
        for (TypeReference? current = type.BaseType; current is not null; current = current.Resolve()?.BaseType)
        {
            if (validated is null && current is GenericInstanceType { GenericArguments: [var argument, ..] } && argument is not GenericParameter)
            {
                validated = DisplayName(argument);
            }

            if (current.GetElementType().FullName == ValidatorBaseType)
            {
                return validated;
            }
        }

        return null;
    }

    /// <summary>The request types (first type argument) of every IRequestHandler the type implements, up its base chain.</summary>
    private static IEnumerable<string> HandledRequests(TypeDefinition handler)
    {
        for (var current = handler; current is not null; current = current.BaseType?.Resolve())
        {
            var candidates = current.Interfaces.Select(i => i.InterfaceType).Append(current.BaseType);
            foreach (var candidate in candidates.OfType<GenericInstanceType>())
            {
                var request = candidate.GenericArguments[0];
                if (request is not GenericParameter
                    && (candidate.ElementType.FullName == RequestHandlerInterface || (candidate.ElementType.Resolve() is { } open && Implements(open, RequestHandlerInterface))))
                {
                    yield return DisplayName(request);
                }
            }
        }
    }

    // ---- the engine ------------------------------------------------------------------------------

    /// <summary>
    /// Runs a forbidden-dependency predicate over the types in scope, and, when <paramref name="assemblyLevel"/>
    /// (the default when there is no scope), over the module's assembly references and assembly/module
    /// attributes too. One violation per (type, forbidden dependency, place).
    /// </summary>
    public static RuleResult Check(
        string rule,
        ModuleDefinition module,
        Func<TypeDefinition, bool>? scope,
        Func<Dependency, bool> isForbidden,
        bool? assemblyLevel = null)
    {
        var self = AssemblyName(module);
        var violations = new List<Violation>();
        var seen = new HashSet<Violation>();
        var seenAssemblies = new HashSet<string>(StringComparer.Ordinal);
        var seenTypes = new HashSet<string>(StringComparer.Ordinal);
        var inspected = new List<string>();

        void Examine(string owner, Dependency dependency, string via)
        {
            seenAssemblies.Add(dependency.Assembly);
            if (dependency.Type is not null)
            {
                seenTypes.Add(dependency.FullName);
            }

            var violation = new Violation(owner, dependency.ToString(), via);
            if (isForbidden(dependency) && seen.Add(violation))
            {
                violations.Add(violation);
            }
        }

        if (assemblyLevel ?? scope is null)
        {
            var owner = $"<assembly {self}>";
            foreach (var reference in module.AssemblyReferences)
            {
                Examine(owner, Dependency.OnAssembly(reference.Name), "assembly reference");
            }

            foreach (var (type, via) in DependencyCollector.CollectAssemblyAttributes(module))
            {
                Examine(owner, ToDependency(type, self), via);
            }
        }

        foreach (var type in AllTypes(module).Where(t => scope?.Invoke(t) ?? true))
        {
            var owner = DisplayName(type);
            inspected.Add(owner);
            foreach (var (referenced, via) in DependencyCollector.Collect(type))
            {
                Examine(owner, ToDependency(referenced, self), via);
            }
        }

        return new RuleResult(rule, self, inspected, violations, seenAssemblies, seenTypes);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /// <summary>Every type of the module, nested types (closures, state machines) included, recursively.</summary>
    public static IEnumerable<TypeDefinition> AllTypes(ModuleDefinition module)
    {
        var pending = new Stack<TypeDefinition>(module.Types.Reverse());
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            yield return type;
            foreach (var nested in type.NestedTypes.Reverse())
            {
                pending.Push(nested);
            }
        }
    }

    /// <summary>A scope: the types whose outermost declaring type lives in <paramref name="ns"/> or below it.</summary>
    public static Func<TypeDefinition, bool> InNamespace(string ns) => t => IsUnder(TopLevelNamespace(t), ns);

    public static string TopLevelNamespace(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    /// <summary><paramref name="name"/> is <paramref name="prefix"/> or a dotted child of it (Npgsql, Npgsql.EntityFrameworkCore…, not NpgsqlX).</summary>
    public static bool IsUnder(string name, string prefix) =>
        name.Length > 0 && (name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal));

    public static bool IsUnderAny(string name, IEnumerable<string> prefixes) => prefixes.Any(p => IsUnder(name, p));

    public static string DisplayName(TypeReference type) => type.FullName.Replace('/', '+');

    public static string AssemblyName(ModuleDefinition module) => module.Assembly?.Name.Name ?? module.Name;

    /// <summary>Walks interfaces (and the interfaces they extend) and base types, resolving through the module's resolver.</summary>
    public static bool Implements(TypeDefinition type, string openInterfaceFullName) =>
        ImplementsCore(type, openInterfaceFullName, new HashSet<string>(StringComparer.Ordinal));

    private static bool ImplementsCore(TypeDefinition? type, string target, HashSet<string> visited)
    {
        if (type is null || !visited.Add(type.FullName))
        {
            return false;
        }

        foreach (var implementation in type.Interfaces)
        {
            var open = implementation.InterfaceType.GetElementType();
            if (open.FullName == target || ImplementsCore(open.Resolve(), target, visited))
            {
                return true;
            }
        }

        return type.BaseType is { } baseType && ImplementsCore(baseType.GetElementType().Resolve(), target, visited);
    }

    /// <summary>Whether the type is one of <paramref name="fullNames"/>, derives from one or implements one.</summary>
    public static bool IsOrInheritsAny(TypeReference type, IReadOnlyCollection<string> fullNames)
    {
        var pending = new Stack<TypeReference>([type]);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var current = pending.Pop().GetElementType();
            if (!visited.Add(current.FullName))
            {
                continue;
            }

            if (fullNames.Contains(current.FullName))
            {
                return true;
            }

            var definition = current.Resolve();
            if (definition is null)
            {
                continue;
            }

            if (definition.BaseType is not null)
            {
                pending.Push(definition.BaseType);
            }

            foreach (var implementation in definition.Interfaces)
            {
                pending.Push(implementation.InterfaceType);
            }
        }

        return false;
    }

    private static bool IsVisibleOutsideAssembly(TypeDefinition type) =>
        type.DeclaringType is null
            ? type.IsPublic
            : (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly) && IsVisibleOutsideAssembly(type.DeclaringType);

    private static bool IsInitOnly(MethodDefinition setter) =>
        setter.ReturnType is RequiredModifierType { ModifierType.FullName: "System.Runtime.CompilerServices.IsExternalInit" };

    private static bool IsOtherCleanPrepayAssembly(string assembly, string self) =>
        assembly != self && IsUnder(assembly, "CleanPrepay");

    private static bool IsBclAssembly(string assembly) =>
        assembly is "mscorlib" or "netstandard" || IsUnder(assembly, "System");

    private static string? ProviderOf(string ns, string gatewaysNamespace) =>
        ns.StartsWith(gatewaysNamespace + ".", StringComparison.Ordinal)
            ? ns[(gatewaysNamespace.Length + 1)..].Split('.')[0]
            : null;

    private static Dependency ToDependency(TypeReference type, string self)
    {
        var assembly = type.Scope switch
        {
            AssemblyNameReference reference => reference.Name,
            ModuleDefinition module => AssemblyName(module),
            var other => other?.Name ?? self,
        };
        return new Dependency(assembly, TopLevelNamespace(type), DisplayName(type), type);
    }

    private static RuleResult Conventions(string rule, ModuleDefinition module, List<string> inspected, List<Violation> violations) =>
        new(rule, AssemblyName(module), inspected, violations, new HashSet<string>(), new HashSet<string>());
}
