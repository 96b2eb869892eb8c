using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Jarvis.Monitor.Checks;

/// <summary>The subset of JSONPath a health condition needs: <c>$</c>, <c>.name</c> and <c>[index]</c> steps.</summary>
public static partial class JsonPathExpression
{
    public static bool IsValid(string path) => Pattern().IsMatch(path);

    public static JsonElement? Select(JsonElement root, string path)
    {
        if (!IsValid(path))
        {
            return null;
        }

        var current = root;
        foreach (Match step in Step().Matches(path[1..]))
        {
            if (step.Groups["name"].Success)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step.Groups["name"].Value, out current))
                {
                    return null;
                }
            }
            else
            {
                var index = int.Parse(step.Groups["index"].Value, CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
        }

        return current;
    }

    [GeneratedRegex(@"\A\$(\.[A-Za-z0-9_-]+|\[[0-9]{1,6}\]){0,32}\z")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_-]+)|\[(?<index>[0-9]{1,6})\]")]
    private static partial Regex Step();
}
