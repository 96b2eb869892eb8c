namespace Jarvis.Automation.Devices.Templates;

/// <summary>
/// A recursive-descent parser for the subset: literal text, <c>{{ expression }}</c> and <c>{# comments #}</c>.
/// Everything else is refused here, at compile, with a message naming it.
/// </summary>
internal sealed class TemplateParser(string source, int maxDepth, IReadOnlyCollection<string> variables, IReadOnlyCollection<string> functions)
{
    private List<TemplateToken> _tokens = [];
    private int _next;
    private int _depth;

    public List<TemplateExpression> ParseTemplate()
    {
        var parts = new List<TemplateExpression>();
        var position = 0;
        var trimStart = false;
        while (position < source.Length)
        {
            var open = FindOpening(position);
            var text = source[position..(open < 0 ? source.Length : open)];
            if (trimStart)
            {
                text = text.TrimStart();
            }

            if (open >= 0 && open + 2 < source.Length && source[open + 2] == '-')
            {
                text = text.TrimEnd();
            }

            if (text.Length > 0)
            {
                parts.Add(new LiteralExpression(text, text));
            }

            if (open < 0)
            {
                break;
            }

            (position, trimStart) = source[open + 1] switch
            {
                '%' => throw new TemplateException($"statements such as '{Statement(open)}' are not supported; only {{{{ expressions }}}} are"),
                '#' => (SkipComment(open), false),
                _ => ParseOutput(open, parts),
            };
        }

        return parts;
    }

    private int FindOpening(int from)
    {
        for (var i = source.IndexOf('{', from); i >= 0 && i + 1 < source.Length; i = source.IndexOf('{', i + 1))
        {
            if (source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private string Statement(int open)
    {
        var end = source.IndexOf("%}", open, StringComparison.Ordinal);
        var text = end < 0 ? source[open..] : source[open..(end + 2)];
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    private int SkipComment(int open)
    {
        var end = source.IndexOf("#}", open + 2, StringComparison.Ordinal);
        return end < 0 ? throw new TemplateException("a comment opened with '{#' is never closed with '#}'") : end + 2;
    }

    private (int Position, bool TrimStart) ParseOutput(int open, List<TemplateExpression> parts)
    {
        var start = open + 2 + (open + 2 < source.Length && source[open + 2] == '-' ? 1 : 0);
        var lexer = new TemplateLexer(source, start);
        _tokens = lexer.Tokenize();
        _next = 0;
        if (Peek.Kind == TemplateTokenKind.End)
        {
            throw new TemplateException($"an empty expression '{{{{ }}}}' at position {open}");
        }

        parts.Add(ParseExpression());
        if (Peek.Kind != TemplateTokenKind.End)
        {
            throw Unexpected(Peek);
        }

        return (lexer.Position, lexer.TrimAfter);
    }

    private TemplateToken Peek => _tokens[_next];

    private TemplateToken Take() => _tokens[_next++];

    private bool Accept(string text)
    {
        if (!Peek.Is(text))
        {
            return false;
        }

        _next++;
        return true;
    }

    private void Expect(string text)
    {
        if (!Accept(text))
        {
            throw new TemplateException($"expected '{text}' at position {Peek.Position} but found '{Peek.Text}'");
        }
    }

    private TemplateExpression ParseExpression()
    {
        if (++_depth > maxDepth)
        {
            throw new TemplateException($"the expression is nested more than {maxDepth} levels deep");
        }

        var then = ParseOr();
        if (Accept("if"))
        {
            var condition = ParseOr();
            var otherwise = Accept("else") ? ParseExpression() : null;
            then = new ConditionalExpression(then, condition, otherwise, $"{then.Path} if {condition.Path}");
        }

        _depth--;
        return then;
    }

    private TemplateExpression ParseOr()
    {
        var left = ParseAnd();
        while (Accept("or"))
        {
            var right = ParseAnd();
            left = new LogicalExpression("or", left, right, $"{left.Path} or {right.Path}");
        }

        return left;
    }

    private TemplateExpression ParseAnd()
    {
        var left = ParseNot();
        while (Accept("and"))
        {
            var right = ParseNot();
            left = new LogicalExpression("and", left, right, $"{left.Path} and {right.Path}");
        }

        return left;
    }

    private TemplateExpression ParseNot()
    {
        if (!Accept("not"))
        {
            return ParseComparison();
        }

        Enter();
        var operand = ParseNot();
        _depth--;
        return new LogicalExpression("not", operand, null, $"not {operand.Path}");
    }

    private TemplateExpression ParseComparison()
    {
        var left = ParseConcat();
        while (Peek.Kind == TemplateTokenKind.Symbol && Peek.Text is "==" or "!=" or "<" or ">" or "<=" or ">=")
        {
            var op = Take().Text;
            var right = ParseConcat();
            left = new BinaryExpression(op, left, right, $"{left.Path} {op} {right.Path}");
        }

        if (Peek.Is("in"))
        {
            throw new TemplateException("the operator 'in' is not supported");
        }

        return left;
    }

    private TemplateExpression ParseConcat() => ParseBinary(["~"], ParseAdditive);

    private TemplateExpression ParseAdditive() => ParseBinary(["+", "-"], ParseMultiplicative);

    private TemplateExpression ParseMultiplicative() => ParseBinary(["*", "/", "//", "%"], ParseUnary);

    private TemplateExpression ParseBinary(string[] operators, Func<TemplateExpression> operand)
    {
        var left = operand();
        while (Peek.Kind == TemplateTokenKind.Symbol && Array.IndexOf(operators, Peek.Text) >= 0)
        {
            var op = Take().Text;
            var right = operand();
            left = new BinaryExpression(op, left, right, $"{left.Path} {op} {right.Path}");
        }

        if (Peek.Is("**"))
        {
            throw new TemplateException("the operator '**' is not supported");
        }

        return left;
    }

    private TemplateExpression ParseUnary()
    {
        if (Accept("-"))
        {
            Enter();
            var operand = ParseUnary();
            _depth--;
            return new BinaryExpression("-", null, operand, $"-{operand.Path}");
        }

        Accept("+");
        return ParseFilters(ParsePostfix(ParsePrimary()));
    }

    private TemplateExpression ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TemplateTokenKind.Number:
            case TemplateTokenKind.String:
                return new LiteralExpression(token.Value, token.Text);
            case TemplateTokenKind.Name:
                return Name(token);
            default:
                if (token.Is("("))
                {
                    var inner = ParseExpression();
                    Expect(")");
                    return inner;
                }

                if (token.Is("[") || token.Is("{"))
                {
                    throw new TemplateException($"list and dictionary literals ('{token.Text}' at position {token.Position}) are not supported");
                }

                throw Unexpected(token);
        }
    }

    private TemplateExpression Name(TemplateToken token)
    {
        switch (token.Text)
        {
            case "true" or "True":
                return new LiteralExpression(true, token.Text);
            case "false" or "False":
                return new LiteralExpression(false, token.Text);
            case "none" or "None":
                return new LiteralExpression(null, token.Text);
        }

        if (Peek.Is("("))
        {
            if (!functions.Contains(token.Text))
            {
                throw new TemplateException(functions.Count == 0
                    ? $"function '{token.Text}()' is not supported; use value, value_json and filters"
                    : $"function '{token.Text}()' is not supported; the functions are {string.Join(", ", functions)}");
            }

            Take();
            Enter();
            var arguments = new List<TemplateExpression>();
            while (!Accept(")"))
            {
                if (arguments.Count > 0)
                {
                    Expect(",");
                }

                arguments.Add(ParseExpression());
            }

            _depth--;
            return new CallExpression(token.Text, arguments, $"{token.Text}()");
        }

        return token.Text is "value" or "value_json" || variables.Contains(token.Text)
            ? new VariableExpression(token.Text)
            : throw new TemplateException($"unknown name '{token.Text}'; this template may read only {string.Join(", ", ["value", "value_json", .. variables])}");
    }

    private TemplateExpression ParsePostfix(TemplateExpression target)
    {
        while (true)
        {
            if (Accept("."))
            {
                var name = Take();
                if (name.Kind is not (TemplateTokenKind.Name or TemplateTokenKind.Number))
                {
                    throw Unexpected(name);
                }

                if (Peek.Is("("))
                {
                    throw new TemplateException($"method '{name.Text}()' is not supported");
                }

                var key = name.Value is long index ? (object)index : name.Text;
                target = new LookupExpression(target, new LiteralExpression(key, name.Text), $"{target.Path}.{name.Text}");
            }
            else if (Accept("["))
            {
                Enter();
                var key = ParseExpression();
                _depth--;
                if (Peek.Is(":"))
                {
                    throw new TemplateException("slices ('[a:b]') are not supported");
                }

                Expect("]");
                target = new LookupExpression(target, key, $"{target.Path}[{key.Path}]");
            }
            else if (Peek.Is("("))
            {
                throw new TemplateException($"calling '{target.Path}' is not supported");
            }
            else
            {
                return target;
            }
        }
    }

    private TemplateExpression ParseFilters(TemplateExpression target)
    {
        while (true)
        {
            if (Accept("|"))
            {
                target = ParseFilter(target);
            }
            else if (Accept("is"))
            {
                var negated = Accept("not");
                var test = Take();
                if (!test.Is("defined"))
                {
                    throw new TemplateException($"the test 'is {test.Text}' is not supported; only 'is defined' and 'is not defined' are");
                }

                target = new DefinedTestExpression(target, negated, $"{target.Path} is {(negated ? "not " : string.Empty)}defined");
            }
            else
            {
                return target;
            }
        }
    }

    private FilterExpression ParseFilter(TemplateExpression target)
    {
        Enter();
        var name = Take();
        if (name.Kind != TemplateTokenKind.Name || !TemplateFilters.Known.TryGetValue(name.Text, out var most))
        {
            throw new TemplateException($"filter '{name.Text}' is not supported; the supported filters are {string.Join(", ", TemplateFilters.Known.Keys)}");
        }

        var arguments = new List<TemplateExpression>();
        if (Accept("("))
        {
            while (!Accept(")"))
            {
                if (arguments.Count > 0)
                {
                    Expect(",");
                }

                if (Peek.Kind == TemplateTokenKind.Name && _tokens[_next + 1].Is("="))
                {
                    throw new TemplateException($"keyword arguments ('{Peek.Text}=') are not supported in filter '{name.Text}'");
                }

                arguments.Add(ParseExpression());
            }
        }

        if (arguments.Count > most)
        {
            throw new TemplateException($"filter '{name.Text}' takes at most {most} argument(s), got {arguments.Count}");
        }

        _depth--;
        return new FilterExpression(target, name.Text, arguments, $"{target.Path} | {name.Text}");
    }

    private void Enter()
    {
        if (++_depth > maxDepth)
        {
            throw new TemplateException($"the expression is nested more than {maxDepth} levels deep");
        }
    }

    private static TemplateException Unexpected(TemplateToken token) => token.Kind == TemplateTokenKind.End
        ? new TemplateException($"the expression ends too early at position {token.Position}")
        : new TemplateException($"unexpected '{token.Text}' at position {token.Position}");
}
