using System.Text.RegularExpressions;

namespace Jarvis.Monitor.Checks;

/// <summary>A check's id: 1 to 63 of a-z, 0-9 and '-', starting with a letter or digit; safe in a URL and an MQTT topic.</summary>
public static partial class CheckId
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex Pattern();
}
