using System.Globalization;
using System.Text.Json;

namespace Jarvis.Automation.Devices.Templates;

/// <summary>
/// Values as Jinja (Python) sees them: null is None, whole numbers are long, others double, JSON objects and
/// arrays stay <see cref="JsonElement"/>; text renders as Python's <c>str()</c> would (True, 21.0, None).
/// </summary>
internal static class JinjaValues
{
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => element,
    };

    public static string ToText(object? value) => value switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        JsonElement e => e.GetRawText(),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
        Undefined => string.Empty,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static bool IsTrue(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        JsonElement { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() > 0,
        JsonElement { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Any(),
        _ => true,
    };

    public static bool TryNumber(object? value, out double number)
    {
        switch (value)
        {
            case long l:
                number = l;
                return true;
            case double d:
                number = d;
                return true;
            case bool b:
                number = b ? 1 : 0;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    public static bool AreEqual(object? a, object? b)
    {
        if (a is Undefined || b is Undefined)
        {
            return a is Undefined && b is Undefined;
        }

        if (TryNumber(a, out var x) && TryNumber(b, out var y))
        {
            return x == y;
        }

        return (a, b) switch
        {
            (null, null) => true,
            (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
            (JsonElement e, JsonElement f) => JsonElement.DeepEquals(e, f),
            _ => false,
        };
    }

    public static int Compare(object? a, object? b, string path)
    {
        if (TryNumber(a, out var x) && TryNumber(b, out var y))
        {
            return x.CompareTo(y);
        }

        if (a is string s && b is string t)
        {
            return string.CompareOrdinal(s, t);
        }

        throw new TemplateException($"'{path}' compares {TypeName(a)} with {TypeName(b)}");
    }

    public static object Arithmetic(string op, object? a, object? b, string path)
    {
        if (!TryNumber(a, out var x) || !TryNumber(b, out var y) || a is bool || b is bool)
        {
            throw new TemplateException($"'{path}' needs numbers, got {TypeName(a)} and {TypeName(b)}");
        }

        if (a is long l && b is long m && op is "+" or "-" or "*" or "//" or "%")
        {
            if (op is "//" or "%" && m == 0)
            {
                throw new TemplateException($"'{path}' divides by zero");
            }

            return op switch
            {
                "+" => checked(l + m),
                "-" => checked(l - m),
                "*" => checked(l * m),
                "//" => (long)Math.Floor((double)l / m),
                _ => ((l % m) + m) % m,
            };
        }

        if (op is "/" or "//" or "%" && y == 0)
        {
            throw new TemplateException($"'{path}' divides by zero");
        }

        return op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => x / y,
            "//" => Math.Floor(x / y),
            "%" => x - (y * Math.Floor(x / y)),
            _ => throw new TemplateException($"operator '{op}' is not supported"),
        };
    }

    public static string TypeName(object? value) => value switch
    {
        null => "none",
        Undefined u => $"undefined '{u.Path}'",
        string => "a string",
        bool => "a boolean",
        long or double => "a number",
        JsonElement { ValueKind: JsonValueKind.Array } => "a list",
        JsonElement => "an object",
        _ => value.GetType().Name,
    };

    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        // Python's repr: the shortest digits that read back as the same double ("R" gives them), written out in full
        // for a decimal exponent of -4..15 (always with a fraction: 2.0), else as 1.5e+16 / 1e-05.
        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var exp10 = exponent + (point < 0 ? mantissa.Length : point) - 1;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        exp10 -= leading;
        var sign = d < 0 ? "-" : string.Empty;
        if (exp10 is >= -4 and <= 15)
        {
            if (exp10 < 0)
            {
                return $"{sign}0.{new string('0', -exp10 - 1)}{digits}";
            }

            var whole = digits.Length > exp10 + 1 ? digits[..(exp10 + 1)] : digits.PadRight(exp10 + 1, '0');
            var fraction = digits.Length > exp10 + 1 ? digits[(exp10 + 1)..] : "0";
            return $"{sign}{whole}.{fraction}";
        }

        var rest = digits.Length > 1 ? "." + digits[1..] : string.Empty;
        return $"{sign}{digits[0]}{rest}e{(exp10 < 0 ? '-' : '+')}{Math.Abs(exp10):00}";
    }
}
