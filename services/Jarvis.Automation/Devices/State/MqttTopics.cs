namespace Jarvis.Automation.Devices.State;

/// <summary>MQTT topic filters: a state topic may be a filter with <c>+</c> and <c>#</c>.</summary>
public static class MqttTopics
{
    /// <summary>
    /// True when <paramref name="topic"/> matches <paramref name="filter"/> (exactly, or by its wildcards: <c>+</c> one
    /// level, <c>#</c> the rest); a <c>$</c> topic only by a filter that names its first level, as MQTT says.
    /// </summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        if (filter.AsSpan().IndexOfAny('+', '#') < 0)
        {
            return string.Equals(filter, topic, StringComparison.Ordinal);
        }

        if (topic.StartsWith('$') && (filter.StartsWith('+') || filter.StartsWith('#')))
        {
            return false;
        }

        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }

            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]))
            {
                return false;
            }
        }

        return f.Length == t.Length;
    }
}
