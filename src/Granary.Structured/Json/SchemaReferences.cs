using System.Text.Json.Nodes;
using Granary.Structured.Expressions;

namespace Granary.Structured.Json;

/// <summary>
/// Resolves <c>$ref</c> within the document (<c>#</c>, <c>#/$defs/x</c>, <c>#/definitions/x</c>,
/// any JSON pointer). A reference is inlined unless it is already being expanded further up: then
/// it becomes a call of a rule, which is how recursive schemas compile in finite time. A target
/// is compiled once and reused; a large target used again becomes a rule too, so shared
/// definitions do not multiply the automaton.
/// </summary>
internal sealed class SchemaReferences(JsonNode root, JsonSchemaCompiler compiler)
{
    private const int InlineBudget = 2_000;

    private readonly Dictionary<string, GrammarExpression> _compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrammarRule> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

    public GrammarExpression Compile(string reference, string pointer)
    {
        var target = TargetPointer(reference, pointer);
        if (_rules.TryGetValue(target, out var existingRule))
        {
            return new RuleExpression(existingRule);
        }

        if (_expanding.Contains(target))
        {
            var rule = new GrammarRule(SchemaKeywords.Pointer(target));
            _rules[target] = rule;
            return new RuleExpression(rule);
        }

        if (_compiled.TryGetValue(target, out var compiled))
        {
            if (ExpressionSize.Estimate(compiled, InlineBudget) < InlineBudget)
            {
                return compiled;
            }

            var shared = new GrammarRule(SchemaKeywords.Pointer(target)) { Body = compiled };
            _rules[target] = shared;
            return new RuleExpression(shared);
        }

        _expanding.Add(target);
        var expression = compiler.CompileSchema(Resolve(target, pointer), target);
        _expanding.Remove(target);
        if (_rules.TryGetValue(target, out var recursive))
        {
            recursive.Body = expression;
            return new RuleExpression(recursive);
        }

        _compiled[target] = expression;
        return expression;
    }

    /// <summary>The schema JSON a reference points to (for allOf merging).</summary>
    public JsonNode? ResolveJson(string reference, string pointer) => Resolve(TargetPointer(reference, pointer), pointer);

    private static string TargetPointer(string reference, string pointer)
    {
        if (!reference.StartsWith('#'))
        {
            throw new StructuredOutputException(
                $"'$ref' \"{reference}\" at {SchemaKeywords.Pointer(pointer)}: only references within the schema (starting with '#') are supported.", "$ref");
        }

        return Uri.UnescapeDataString(reference[1..]);
    }

    private JsonNode? Resolve(string target, string pointer)
    {
        JsonNode? node = root;
        if (target.Length > 0 && !target.StartsWith('/'))
        {
            throw new StructuredOutputException($"'$ref' \"#{target}\" at {SchemaKeywords.Pointer(pointer)}: anchors are not supported, use a JSON pointer.", "$ref");
        }

        foreach (var rawToken in target.Length == 0 ? [] : target[1..].Split('/'))
        {
            var token = rawToken.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => throw new StructuredOutputException($"'$ref' \"#{target}\" at {SchemaKeywords.Pointer(pointer)} points to nothing.", "$ref"),
            };
        }

        return node;
    }
}
