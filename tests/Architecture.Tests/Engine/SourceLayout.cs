using System.Text;
using System.Text.RegularExpressions;

namespace CleanPrepay.Architecture.Tests.Engine;

/// <summary>
/// Rules on the source files themselves (a compiled assembly does not say which file a type came from).
/// A light scanner: comments, strings and character literals are blanked, then the type keywords outside
/// any type body are the file's top-level declarations. Nested types are part of their owner.
/// </summary>
public static partial class SourceLayout
{
    /// <summary>A .cs file declares one top-level type (generic arities of one name count as one) and is named after it.</summary>
    public static RuleResult OneTypePerFileNamedAfterIt(IEnumerable<(string Path, string Text)> files, IReadOnlyCollection<string>? exempt = null)
    {
        var inspected = new List<string>();
        var violations = new List<Violation>();
        foreach (var (path, text) in files)
        {
            inspected.Add(path);
            if (exempt?.Contains(path) == true)
            {
                continue;
            }

            var names = TopLevelTypes(text).Distinct(StringComparer.Ordinal).ToList();
            var expected = Path.GetFileNameWithoutExtension(path);
            if (names.Count > 1)
            {
                violations.Add(new Violation(path, $"{names.Count} top-level types ({string.Join(", ", names)})", "one type per file"));
            }
            else if (names.Count == 1 && names[0] != expected)
            {
                violations.Add(new Violation(path, $"type {names[0]} in a file named {expected}.cs", "file name"));
            }
        }

        return new RuleResult("A .cs file declares one top-level type and is named after it", "source", inspected, violations,
            new HashSet<string>(), new HashSet<string>());
    }

    /// <summary>The names of the types declared outside any type body, in order (nested namespaces included).</summary>
    public static IReadOnlyList<string> TopLevelTypes(string source)
    {
        var code = Blank(source);
        var names = new List<string>();
        var typeBodies = 0;
        var pendingType = false;
        var open = new Stack<bool>(); // per open brace: is it a type body?
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '{')
            {
                open.Push(pendingType);
                typeBodies += pendingType ? 1 : 0;
                pendingType = false;
            }
            else if (c == '}')
            {
                if (open.Count > 0 && open.Pop())
                {
                    typeBodies--;
                }
            }
            else if (c == ';' && typeBodies == 0)
            {
                pendingType = false; // a body-less declaration: record R(int X);
            }
            else if (typeBodies == 0 && !pendingType && IsWordStart(code, i) && Declaration().Match(code, i) is { Success: true } match)
            {
                names.Add(match.Groups["name"].Value);
                pendingType = true; // until its body or its ';': `where T : class` is no declaration
                i += match.Length - 1;
            }
        }

        return names;
    }

    [GeneratedRegex(@"\G(?:class|interface|enum|struct|record(?:\s+(?:class|struct))?)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Declaration();

    private static bool IsWordStart(string code, int i) => i == 0 || !(char.IsLetterOrDigit(code[i - 1]) || code[i - 1] is '_' or '@' or '.');

    /// <summary>The source with comments, strings (regular, verbatim, interpolated, raw) and chars replaced by spaces.</summary>
    private static string Blank(string s)
    {
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            if (s[i] == '/' && At(s, i + 1, '/'))
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }
            }
            else if (s[i] == '/' && At(s, i + 1, '*'))
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 2;
            }
            else if (s[i] == '"' || (s[i] is '$' or '@' && StringStart(s, i) is { } _))
            {
                i = SkipString(s, i);
            }
            else if (s[i] == '\'')
            {
                i++;
                while (i < s.Length && s[i] != '\'')
                {
                    i += s[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else
            {
                sb.Append(s[i]);
                i++;
                continue;
            }

            i = Math.Min(i, s.Length);
            sb.Append(' ', i - start);
        }

        return sb.ToString();
    }

    private static bool At(string s, int i, char c) => i < s.Length && s[i] == c;

    /// <summary>The index of the opening quote when a string literal with $/@ prefixes starts at <paramref name="i"/>.</summary>
    private static int? StringStart(string s, int i)
    {
        while (i < s.Length && s[i] is '$' or '@')
        {
            i++;
        }

        return At(s, i, '"') ? i : null;
    }

    /// <summary>Past the end of the string literal starting at <paramref name="i"/> (prefixes included). Interpolation holes are skipped whole: their braces are the string's.</summary>
    private static int SkipString(string s, int i)
    {
        var verbatim = false;
        while (s[i] is '$' or '@')
        {
            verbatim |= s[i] == '@';
            i++;
        }

        var quotes = 0;
        while (At(s, i + quotes, '"'))
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            var end = s.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + quotes;
        }

        if (quotes == 2)
        {
            return i + 2; // ""
        }

        i++;
        while (i < s.Length)
        {
            if (verbatim && s[i] == '"' && At(s, i + 1, '"'))
            {
                i += 2;
            }
            else if (!verbatim && s[i] == '\\')
            {
                i += 2;
            }
            else if (s[i] == '"' || (!verbatim && s[i] == '\n'))
            {
                return i + 1;
            }
            else
            {
                i++;
            }
        }

        return s.Length;
    }
}
