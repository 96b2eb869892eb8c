namespace Jarvis.Plugins.Model;

/// <summary>MQTT topic filters as manifests name them (<c>+</c> one level, <c>#</c> the rest).</summary>
public static class MqttTopicFilter
{
    public static bool IsValid(string filter)
    {
        if (filter.Length is 0 or > 256 || filter.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var levels = filter.Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if ((level.Contains('#', StringComparison.Ordinal) && (level != "#" || i != levels.Length - 1)) ||
                (level.Contains('+', StringComparison.Ordinal) && level != "+"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a concrete topic (no wildcards) falls under the filter.</summary>
    public static bool Matches(string filter, string topic)
    {
        if (topic.Length is 0 or > 256 || topic.Contains('+', StringComparison.Ordinal) || topic.Contains('#', StringComparison.Ordinal))
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
