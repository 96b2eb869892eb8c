using System.Globalization;

namespace Jarvis.Simulation;

/// <summary>What load mode did: messages handed to the broker, those it acknowledged (PUBACK; at QoS 0, those sent), and the seconds it took including the last acknowledgement.</summary>
public sealed record LoadResult(long Published, long Acknowledged, double Seconds)
{
    /// <summary>One line: <c>{"published":…,"acknowledged":…,"seconds":…}</c>.</summary>
    public string ToJson() => string.Create(CultureInfo.InvariantCulture,
        $$"""{"published":{{Published}},"acknowledged":{{Acknowledged}},"seconds":{{Math.Round(Seconds, 3)}}}""");
}
