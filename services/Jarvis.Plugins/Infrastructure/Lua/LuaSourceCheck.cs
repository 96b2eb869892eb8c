namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>
/// Rejects to-be-closed variables (<c>local x &lt;close&gt;</c>) before Lua sees the source: their
/// <c>__close</c> runs where no hook can stop it (while an error unwinds), so the budget could not hold.
/// A small tokenizer skips comments and strings so only real code is judged.
/// </summary>
internal static class LuaSourceCheck
{
    public static string? FindForbidden(ReadOnlySpan<byte> source)
    {
        // The last three significant tokens: '<', the word "close", '>' is the attribute.
        var t1 = Token.None;
        var t2 = Token.None;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f' or (byte)'\v')
            {
                i++;
                continue;
            }

            Token token;
            if (c == '-' && i + 1 < source.Length && source[i + 1] == '-')
            {
                i += 2;
                if (LongBracketLevel(source, i) is { } level)
                {
                    i = SkipLongBracket(source, i, level);
                }
                else
                {
                    while (i < source.Length && source[i] != '\n')
                    {
                        i++;
                    }
                }

                continue;
            }

            if (c is (byte)'"' or (byte)'\'')
            {
                i = SkipQuoted(source, i);
                token = Token.Other;
            }
            else if (c == '[' && LongBracketLevel(source, i) is { } level)
            {
                i = SkipLongBracket(source, i, level);
                token = Token.Other;
            }
            else if (IsWord(c))
            {
                var start = i;
                while (i < source.Length && IsWord(source[i]))
                {
                    i++;
                }

                token = source[start..i].SequenceEqual("close"u8) ? Token.Close : Token.Other;
            }
            else
            {
                token = c == '<' ? Token.Less : c == '>' ? Token.Greater : Token.Other;
                if (c == '<' && i + 1 < source.Length && source[i + 1] is (byte)'=' or (byte)'<')
                {
                    token = Token.Other;
                    i++;
                }

                i++;
            }

            if (token == Token.Greater && t2 == Token.Less && t1 == Token.Close)
            {
                return "to-be-closed variables (<close>) are not allowed in the sandbox";
            }

            (t2, t1) = (t1, token);
        }

        return null;
    }

    private static bool IsWord(byte c) => c == '_' || (c | 0x20) is >= (byte)'a' and <= (byte)'z' || c is >= (byte)'0' and <= (byte)'9' || c >= 0x80;

    private static int? LongBracketLevel(ReadOnlySpan<byte> s, int i)
    {
        if (i >= s.Length || s[i] != '[')
        {
            return null;
        }

        var j = i + 1;
        while (j < s.Length && s[j] == '=')
        {
            j++;
        }

        return j < s.Length && s[j] == '[' ? j - i - 1 : null;
    }

    private static int SkipLongBracket(ReadOnlySpan<byte> s, int i, int level)
    {
        i += level + 2;
        while (i < s.Length)
        {
            if (s[i] == ']')
            {
                var j = i + 1;
                while (j < s.Length && s[j] == '=')
                {
                    j++;
                }

                if (j < s.Length && s[j] == ']' && j - i - 1 == level)
                {
                    return j + 1;
                }
            }

            i++;
        }

        return i;
    }

    private static int SkipQuoted(ReadOnlySpan<byte> s, int i)
    {
        var quote = s[i++];
        while (i < s.Length && s[i] != quote && s[i] != '\n')
        {
            i += s[i] == '\\' ? 2 : 1;
        }

        return i + 1;
    }

    private enum Token
    {
        None,
        Less,
        Close,
        Greater,
        Other,
    }
}
