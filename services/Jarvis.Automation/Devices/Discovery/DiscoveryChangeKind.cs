namespace Jarvis.Automation.Devices.Discovery;

/// <summary>What a discovery message did.</summary>
public enum DiscoveryChangeKind
{
    /// <summary>A new entity (supported, unsupported or invalid: all are listed).</summary>
    Added,

    /// <summary>A known entity's config changed; it is updated in place.</summary>
    Updated,

    /// <summary>The entity is gone: an empty payload, or a device config without it.</summary>
    Removed,

    /// <summary>The message could not be read at all (bad topic, malformed JSON, too large); nothing changed.</summary>
    Rejected,
}
