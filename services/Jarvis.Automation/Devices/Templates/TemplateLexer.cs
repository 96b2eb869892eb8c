using System.Globalization;
using System.Text;

namespace Jarvis.Automation.Devices.Templates;

/// <summary>Splits the inside of one <c>{{ … }}</c> into tokens, ending at the closing braces.</summary>
internal sealed class TemplateLexer(string source, int start)
{
    private static readonly string[] Symbols = ["==", "!=", "<=", ">=", "//", "**", "<", ">", ".", "[", "]", "(", ")", ",", "|", "~", "+", "-", "*", "/", "%", "{", "}", ":", "="];

    /// <summary>Where the lexer stopped: just after the closing braces.</summary>
    public int Position { get; private set; } = start;

    /// <summary>True when the expression ended with <c>-}}</c> (trim the whitespace after it).</summary>
    public bool TrimAfter { get; private set; }

    public List<TemplateToken> Tokenize()
    {
        var tokens = new List<TemplateToken>();
        while (true)
        {
            while (Position < source.Length && char.IsWhiteSpace(source[Position]))
            {
                Position++;
            }

            if (Position >= source.Length)
            {
                throw new TemplateException("an expression opened with '{{' is never closed with '}}'");
            }

            var at = Position;
            var c = source[at];
            if (Closes(at, out var length, out var trim))
            {
                Position += length;
                TrimAfter = trim;
                tokens.Add(new TemplateToken(TemplateTokenKind.End, "}}", null, at));
                return tokens;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (Position < source.Length && (char.IsAsciiLetterOrDigit(source[Position]) || source[Position] == '_'))
                {
                    Position++;
                }

                tokens.Add(new TemplateToken(TemplateTokenKind.Name, source[at..Position], null, at));
            }
            else if (char.IsAsciiDigit(c))
            {
                tokens.Add(ReadNumber(at));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadString(at, c));
            }
            else
            {
                var symbol = Array.Find(Symbols, s => string.CompareOrdinal(source, at, s, 0, s.Length) == 0)
                    ?? throw new TemplateException($"unexpected character '{c}' at position {at}");
                Position += symbol.Length;
                tokens.Add(new TemplateToken(TemplateTokenKind.Symbol, symbol, null, at));
            }
        }
    }

    private bool Closes(int at, out int length, out bool trim)
    {
        trim = source[at] == '-' && string.CompareOrdinal(source, at + 1, "}}", 0, 2) == 0;
        length = trim ? 3 : 2;
        return trim || string.CompareOrdinal(source, at, "}}", 0, 2) == 0;
    }

    private TemplateToken ReadNumber(int at)
    {
        while (Position < source.Length && (char.IsAsciiDigit(source[Position]) || source[Position] == '_'))
        {
            Position++;
        }

        var isFloat = Position + 1 < source.Length && source[Position] == '.' && char.IsAsciiDigit(source[Position + 1]);
        if (isFloat)
        {
            Position++;
            while (Position < source.Length && char.IsAsciiDigit(source[Position]))
            {
                Position++;
            }
        }

        var text = source[at..Position].Replace("_", string.Empty, StringComparison.Ordinal);
        object value = isFloat
            ? double.Parse(text, CultureInfo.InvariantCulture)
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var whole)
                ? (object)whole
                : throw new TemplateException($"the number {text} is too large");
        return new TemplateToken(TemplateTokenKind.Number, text, value, at);
    }

    private TemplateToken ReadString(int at, char quote)
    {
        var text = new StringBuilder();
        Position++;
        while (Position < source.Length && source[Position] != quote)
        {
            var c = source[Position++];
            if (c == '\\' && Position < source.Length)
            {
                var escaped = source[Position++];
                text.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
            }
            else
            {
                text.Append(c);
            }
        }

        if (Position >= source.Length)
        {
            throw new TemplateException($"the string starting at position {at} is never closed");
        }

        Position++;
        return new TemplateToken(TemplateTokenKind.String, source[at..Position], text.ToString(), at);
    }
}
