using Mono.Cecil;

namespace CleanPrepay.Architecture.Tests.Engine;

/// <summary>A cross-feature reference that stays, with why: from a feature to a namespace (or a type) of another.</summary>
public sealed record AllowedReach(string From, string To, string Why);

/// <summary>
/// The feature-folder and charge-pipeline rules of ADR 0032. A feature is the first namespace segment
/// under the application root (Orders, Wallets, Payments…); the composition root directly in it belongs to none.
/// </summary>
public static class FeatureRules
{
    public const string ApplicationRoot = "CleanPrepay.Application";
    public const string PipelineNamespace = "CleanPrepay.Application.Payments.Charging";
    public const string SettlerInterface = "CleanPrepay.Application.Payments.Charging.IChargeSettler";
    public const string SettlerAttribute = "CleanPrepay.Application.Payments.Charging.ChargeSettlerAttribute";
    public const string PurposeEnum = "CleanPrepay.Domain.Payments.PaymentPurpose";

    /// <summary>Open to every feature: the ports, the shared contracts and the charge pipeline.</summary>
    public static readonly IReadOnlyList<string> Shared = ["Abstractions", "Common", "Payments.Charging"];

    /// <summary>The references between features that stay. Keep it short: each one is a coupling a reader must know.</summary>
    public static readonly IReadOnlyList<AllowedReach> Allowed =
    [
        new("*", "Settings", "the merchant's settings (currencies, taxes, limits) are read by every use case that takes money"),
        new("*", "Customers.CustomerStanding", "an inactive customer is refused by every use case that takes money"),
        new("*", "Coupons.CouponRedeemer", "a coupon is claimed in the unit of work of the order or subscription it discounts"),
        new("Subscriptions", "Orders", "a prepayment is paid by an order (ADR 0018): placed here, opened by OrderCharger, settled through IPrepaymentSettler"),
        new("Coupons", "Orders", "applying a coupon to an order answers with the order, and pays it when nothing is left to pay"),
        new("Coupons", "Subscriptions", "applying a coupon to a subscription is the subscription's rule and answers with it"),
        new("Orders", "Accesses.AccessDto", "an order answers with the accesses it granted"),
        new("Payments", "Orders.OrderGrantReversal", "a refund takes back the share of an order's wallet grants it returns, as a lost dispute does"),
        new("Wallets", "Packages", "a top-up may buy a prepayment package, priced and answered as the package says"),
        new("Accesses", "Catalog.CatalogInput", "an access names a catalogue item the way the catalogue does"),
    ];

    /// <summary>The feature a namespace belongs to under <paramref name="root"/>, or null (the root itself, another assembly).</summary>
    public static string? FeatureOf(string ns, string root = ApplicationRoot) =>
        ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;

    /// <summary>
    /// No type of one feature references a type of another, except the <see cref="Shared"/> namespaces and the
    /// <paramref name="allowed"/> reaches (a target is a namespace, or a type's name, relative to the root).
    /// </summary>
    public static RuleResult FeaturesDoNotReachIntoEachOther(
        ModuleDefinition module, string root = ApplicationRoot, IReadOnlyList<string>? shared = null, IReadOnlyList<AllowedReach>? allowed = null)
    {
        shared ??= Shared;
        allowed ??= Allowed;
        var features = ArchitectureRules.AllTypes(module)
            .Select(t => FeatureOf(ArchitectureRules.TopLevelNamespace(t), root))
            .OfType<string>()
            .Where(f => !shared.Any(s => s == f))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var perFeature = features.Select(feature => ArchitectureRules.Check(
            $"Feature {feature} reaches no other feature",
            module,
            t => FeatureOf(ArchitectureRules.TopLevelNamespace(t), root) == feature,
            assemblyLevel: false,
            isForbidden: d => d.Type is not null && Reaches(feature, d, root, shared, allowed)));
        return RuleResult.Combine(
            $"Features under {root} reference each other only through {string.Join(", ", shared)} and the listed exceptions (features: {string.Join(", ", features)})",
            ArchitectureRules.AssemblyName(module),
            perFeature);
    }

    private static bool Reaches(string feature, Dependency d, string root, IReadOnlyList<string> shared, IReadOnlyList<AllowedReach> allowed)
    {
        if (FeatureOf(d.Namespace, root) is not { } target || target == feature)
        {
            return false;
        }

        var relative = d.Namespace[(root.Length + 1)..];
        var typeName = relative + "." + TopLevelName(d.Type!);
        bool Matches(string to) => ArchitectureRules.IsUnder(relative, to) || typeName == to || typeName.StartsWith(to + "+", StringComparison.Ordinal);
        return !shared.Any(Matches) && !allowed.Any(a => (a.From == "*" || a.From == feature) && Matches(a.To));
    }

    private static string TopLevelName(TypeReference type)
    {
        type = type.GetElementType();
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Name;
    }

    /// <summary>
    /// The charge pipeline (<paramref name="pipelineNamespace"/>) knows no feature: it references no other
    /// namespace of the application root but the ports, the shared contracts and <paramref name="alsoAllowed"/>,
    /// and no Domain aggregate but the payment's.
    /// </summary>
    public static RuleResult PipelineKnowsNoFeature(
        ModuleDefinition module, string pipelineNamespace = PipelineNamespace, string root = ApplicationRoot, IReadOnlyList<string>? alsoAllowed = null)
    {
        IReadOnlyList<string> open = [pipelineNamespace, $"{root}.Abstractions", $"{root}.Common", .. alsoAllowed ?? [$"{root}.Payments.Reconciliation"]];
        // Routing a charge reads the payer's country (GatewayChoice, ADR 0020): the customer, not what the payment pays for.
        string[] domainOpen = ["CleanPrepay.Domain.Payments", "CleanPrepay.Domain.Common", "CleanPrepay.Domain.Monetary", "CleanPrepay.Domain.Customers"];
        return ArchitectureRules.Check(
            $"The charge pipeline ({pipelineNamespace}) references no feature and no aggregate but the payment",
            module,
            ArchitectureRules.InNamespace(pipelineNamespace),
            assemblyLevel: false,
            isForbidden: d => d.Type is not null
                && ((ArchitectureRules.IsUnder(d.Namespace, root) && !ArchitectureRules.IsUnderAny(d.Namespace, open))
                    || (ArchitectureRules.IsUnder(d.Namespace, "CleanPrepay.Domain") && !ArchitectureRules.IsUnderAny(d.Namespace, domainOpen))));
    }

    /// <summary>The purposes: the named constants of the purpose enum, by value.</summary>
    public static IReadOnlyDictionary<int, string> Purposes(ModuleDefinition module, string purposeEnum = PurposeEnum)
    {
        var type = ArchitectureRules.AllTypes(module).SingleOrDefault(t => t.FullName == purposeEnum && t.IsEnum)
            ?? throw new InvalidOperationException($"{purposeEnum} is not an enum of {ArchitectureRules.AssemblyName(module)}.");
        return type.Fields.Where(f => f.IsStatic && f.HasConstant).ToDictionary(f => Convert.ToInt32(f.Constant), f => f.Name);
    }

    /// <summary>
    /// Every purpose has exactly one settler: one non-abstract class implementing <paramref name="settlerInterface"/>
    /// marked with <paramref name="attribute"/> for it. A settler that names no purpose, or one that is not a purpose, is a violation too.
    /// </summary>
    public static RuleResult EveryPurposeHasOneSettler(
        ModuleDefinition module, IReadOnlyDictionary<int, string> purposes, Func<TypeDefinition, bool>? scope = null,
        string settlerInterface = SettlerInterface, string attribute = SettlerAttribute)
    {
        var inspected = new List<string>();
        var violations = new List<Violation>();
        var byPurpose = purposes.Keys.ToDictionary(k => k, _ => new List<string>());
        foreach (var type in ArchitectureRules.AllTypes(module).Where(t => scope?.Invoke(t) ?? true))
        {
            if (type.IsInterface || type.IsAbstract || !ArchitectureRules.Implements(type, settlerInterface))
            {
                continue;
            }

            var name = ArchitectureRules.DisplayName(type);
            inspected.Add(name);
            var marks = type.CustomAttributes.Where(a => a.AttributeType.FullName == attribute).ToList();
            if (marks.Count != 1 || marks[0].ConstructorArguments is not [var argument])
            {
                violations.Add(new Violation(name, "a settler that names no purpose", $"{marks.Count} [{attribute}]"));
                continue;
            }

            var value = Convert.ToInt32(argument.Value);
            if (byPurpose.TryGetValue(value, out var settlers))
            {
                settlers.Add(name);
            }
            else
            {
                violations.Add(new Violation(name, $"a purpose that does not exist ({value})", "attribute argument"));
            }
        }

        foreach (var (value, settlers) in byPurpose.Where(p => p.Value.Count != 1))
        {
            violations.Add(new Violation(
                $"<purpose {purposes[value]}>",
                settlers.Count == 0 ? "no settler" : $"{settlers.Count} settlers: {string.Join(", ", settlers)}",
                "settlers by purpose"));
        }

        return new RuleResult(
            $"Every purpose ({string.Join(", ", purposes.Values)}) has exactly one settler", ArchitectureRules.AssemblyName(module), inspected, violations,
            new HashSet<string>(), new HashSet<string>());
    }
}
