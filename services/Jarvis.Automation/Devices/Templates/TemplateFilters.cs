using System.Globalization;

namespace Jarvis.Automation.Devices.Templates;

/// <summary>The filters of the subset, with Jinja's and Home Assistant's meanings.</summary>
internal static class TemplateFilters
{
    /// <summary>Each filter with the most arguments it takes.</summary>
    public static readonly IReadOnlyDictionary<string, int> Known = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["int"] = 2,
        ["float"] = 1,
        ["round"] = 2,
        ["default"] = 2,
        ["d"] = 2,
        ["lower"] = 0,
        ["upper"] = 0,
    };

    public static object? Apply(string filter, object? value, object?[] arguments, TemplateScope scope) => filter switch
    {
        "int" => ToInt(value, arguments),
        "float" => ToFloat(value, arguments.Length > 0 ? arguments[0] : 0.0),
        "round" => Round(value, arguments),
        "default" or "d" => Default(value, arguments),
        "lower" => Text(value, scope).ToLowerInvariant(),
        "upper" => Text(value, scope).ToUpperInvariant(),
        _ => throw new TemplateException($"filter '{filter}' is not supported"),
    };

    private static string Text(object? value, TemplateScope scope)
    {
        var text = JinjaValues.ToText(value);
        scope.CheckLength(text.Length);
        return text;
    }

    private static object? ToInt(object? value, object?[] arguments)
    {
        var fallback = arguments.Length > 0 ? arguments[0] : 0L;
        var numberBase = arguments.Length > 1 && arguments[1] is long b ? (int)b : 10;
        switch (value)
        {
            case long l:
                return l;
            case bool flag:
                return flag ? 1L : 0L;
            case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 9e18:
                return (long)Math.Truncate(d);
            case string s:
                var text = s.Trim();
                if (numberBase == 16 && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                {
                    text = text[2..];
                }

                if (numberBase == 10 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return whole;
                }

                if (numberBase == 16 && long.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
                {
                    return hex;
                }

                if (numberBase == 10 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && Math.Abs(real) < 9e18)
                {
                    return (long)Math.Truncate(real);
                }

                return fallback;
            default:
                return fallback;
        }
    }

    private static object? ToFloat(object? value, object? fallback) => value switch
    {
        long l => (double)l,
        double d => d,
        bool b => b ? 1.0 : 0.0,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => fallback,
    };

    // Home Assistant's round: a float rounded half to even; with precision 0 a whole number.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "A long with precision 0, else a double, as Home Assistant's round.")]
    private static object Round(object? value, object?[] arguments)
    {
        if (ToFloat(value, null) is not double number)
        {
            throw new TemplateException($"round needs a number, got {JinjaValues.TypeName(value)}");
        }

        var precision = arguments.Length > 0 && arguments[0] is long p ? (int)Math.Clamp(p, 0, 15) : 0;
        var method = arguments.Length > 1 ? arguments[1] as string : "common";
        var scale = Math.Pow(10, precision);
        var rounded = method switch
        {
            "floor" => Math.Floor(number * scale) / scale,
            "ceil" => Math.Ceiling(number * scale) / scale,
            "common" or "half" => Math.Round(number, precision, MidpointRounding.ToEven),
            _ => throw new TemplateException($"round method '{method}' is not supported (common, floor, ceil)"),
        };
        if (precision == 0 && Math.Abs(rounded) < 9e18)
        {
            return (long)rounded;
        }

        return rounded;
    }

    private static object? Default(object? value, object?[] arguments)
    {
        var fallback = arguments.Length > 0 ? arguments[0] : string.Empty;
        var falsy = arguments.Length > 1 && JinjaValues.IsTrue(arguments[1]);
        return value is Undefined || (falsy && !JinjaValues.IsTrue(value)) ? fallback : value;
    }
}
