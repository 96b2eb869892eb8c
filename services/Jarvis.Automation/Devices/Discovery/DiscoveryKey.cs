namespace Jarvis.Automation.Devices.Discovery;

/// <summary>
/// The stable identity of one discovered entity: <c>&lt;component&gt;/[&lt;node_id&gt;/]&lt;object_id&gt;</c> for a
/// single-component topic, <c>device/&lt;id&gt;/&lt;component key&gt;</c> for one component of a device config.
/// A new config under the same key updates the entity in place; the key is what is stored and removed.
/// </summary>
public readonly record struct DiscoveryKey(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}
