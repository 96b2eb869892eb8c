using System.Diagnostics.CodeAnalysis;

namespace Jarvis.Automation.Devices.Discovery;

/// <summary>
/// A parsed discovery topic: <c>&lt;prefix&gt;/&lt;component&gt;/[&lt;node_id&gt;/]&lt;object_id&gt;/config</c>, or the
/// device form <c>&lt;prefix&gt;/device/&lt;id&gt;/config</c> (then <see cref="IsDevice"/> and <see cref="ObjectId"/> is the id).
/// </summary>
public sealed record DiscoveryTopic(string Topic, string Component, string? NodeId, string ObjectId)
{
    /// <summary>True for the device form, whose payload carries a <c>cmps</c> map of components.</summary>
    public bool IsDevice => Component == "device";

    /// <summary>The key of the entity a single-component topic describes.</summary>
    public DiscoveryKey Key => new(NodeId is null ? $"{Component}/{ObjectId}" : $"{Component}/{NodeId}/{ObjectId}");

    /// <summary>The key of one component of a device-form config.</summary>
    public DiscoveryKey ComponentKey(string componentKey) => new($"device/{ObjectId}/{componentKey}");

    /// <summary>
    /// Reads <paramref name="topic"/>. False with <paramref name="error"/> null when the topic is not under the
    /// prefix or is not a <c>/config</c> topic (not discovery at all); false with an error when it is discovery but malformed.
    /// </summary>
    public static bool TryParse(string topic, string prefix, [NotNullWhen(true)] out DiscoveryTopic? parsed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(prefix);
        parsed = null;
        error = null;
        if (!topic.StartsWith(prefix + "/", StringComparison.Ordinal) || !topic.EndsWith("/config", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = topic[(prefix.Length + 1)..].Split('/');
        if (parts.Length is < 3 or > 4)
        {
            error = $"'{topic}' is not <prefix>/<component>/[<node_id>/]<object_id>/config";
            return false;
        }

        var bad = parts[..^1].FirstOrDefault(p => !IsId(p));
        if (bad is not null)
        {
            error = $"'{topic}' has the segment '{bad}'; components and ids may hold only letters, digits, '_' and '-'";
            return false;
        }

        if (parts[0] == "device" && parts.Length != 3)
        {
            error = $"'{topic}' is not <prefix>/device/<id>/config";
            return false;
        }

        parsed = parts.Length == 4
            ? new DiscoveryTopic(topic, parts[0], parts[1], parts[2])
            : new DiscoveryTopic(topic, parts[0], null, parts[1]);
        return true;
    }

    /// <summary>Home Assistant's rule for components, node ids and object ids: <c>[a-zA-Z0-9_-]+</c>.</summary>
    public static bool IsId(string text) =>
        !string.IsNullOrEmpty(text) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
