using System.Globalization;
using System.Text.RegularExpressions;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>Reads one series from <c>/metrics</c> (Prometheus text format), labels ignored and summed.</summary>
public static partial class MetricsText
{
    public static async Task<double?> ReadAsync(HttpClient http, string name)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        double? total = null;
        foreach (Match match in Series().Matches(text))
        {
            if (match.Groups["name"].Value == name)
            {
                total = (total ?? 0) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Series();
}
