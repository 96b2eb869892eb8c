using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Jarvis.Automation.Automations.Parsing;

/// <summary>
/// Reads YAML, or JSON (which YAML reads as well), into <see cref="DefinitionNode"/>s with YamlDotNet's event parser.
/// Anchors may be set but aliases are refused (no "billion laughs"), tags other than the core ones are refused
/// (<c>!secret</c>, <c>!include</c>, <c>!input</c> have no meaning here), and depth, node count and scalar length are
/// bounded by <see cref="DefinitionLimits"/>. Never throws: a failure is the error message.
/// </summary>
public static class DefinitionDocument
{
    public static DefinitionNode? Parse(string text, DefinitionLimits limits, int maxLength, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        if (text.Length > maxLength)
        {
            error = $"the document is {text.Length} characters long; at most {maxLength} are accepted";
            return null;
        }

        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                error = "the document is empty";
                return null;
            }

            parser.Consume<DocumentStart>();
            var budget = new Budget(limits);
            var root = Read(parser, budget, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                error = "only one YAML document is accepted";
                return null;
            }

            error = null;
            return root;
        }
        catch (DefinitionRefusedException ex)
        {
            error = ex.Message;
            return null;
        }
        catch (YamlException ex)
        {
            error = $"not valid YAML or JSON at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}";
            return null;
        }
    }

    private static DefinitionNode Read(IParser parser, Budget budget, int depth)
    {
        budget.Count();
        if (depth > budget.Limits.MaxDepth)
        {
            throw new DefinitionRefusedException($"the document nests deeper than {budget.Limits.MaxDepth} levels");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            throw new DefinitionRefusedException($"YAML aliases (*{alias.Value}) are not accepted; write the value out");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            CheckTag(scalar.Tag);
            if (scalar.Value.Length > budget.Limits.MaxScalarLength)
            {
                throw new DefinitionRefusedException($"a value at line {scalar.Start.Line} is {scalar.Value.Length} characters long; at most {budget.Limits.MaxScalarLength} are accepted");
            }

            return new ScalarNode(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            CheckTag(sequenceStart.Tag);
            var items = new List<DefinitionNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(Read(parser, budget, depth + 1));
            }

            return new SequenceNode(items);
        }

        var mappingStart = parser.Consume<MappingStart>();
        CheckTag(mappingStart.Tag);
        var entries = new List<KeyValuePair<string, DefinitionNode>>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current?.Start ?? Mark.Empty;
            if (Read(parser, budget, depth + 1) is not ScalarNode key)
            {
                throw new DefinitionRefusedException($"a key at line {keyStart.Line} is not text");
            }

            if (entries.Exists(e => e.Key == key.Text))
            {
                throw new DefinitionRefusedException($"the key '{key.Text}' is repeated at line {keyStart.Line}");
            }

            entries.Add(new(key.Text, Read(parser, budget, depth + 1)));
        }

        return new MappingNode(entries);
    }

    private static void CheckTag(TagName tag)
    {
        if (!tag.IsEmpty && !tag.IsNonSpecific && !tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            throw new DefinitionRefusedException($"the YAML tag {tag.Value} is not supported");
        }
    }

    private sealed class Budget(DefinitionLimits limits)
    {
        private int _nodes;

        public DefinitionLimits Limits => limits;

        public void Count()
        {
            if (++_nodes > limits.MaxNodes)
            {
                throw new DefinitionRefusedException($"the document has more than {limits.MaxNodes} values");
            }
        }
    }
}
