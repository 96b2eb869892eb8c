namespace Jarvis.Automation.Devices.Discovery;

/// <summary>How discovery messages are recognised and how large they may be.</summary>
/// <param name="Prefix">The discovery prefix, <c>homeassistant</c> unless configured.</param>
/// <param name="MaxConfigBytes">Largest config payload read; a larger one is rejected unread.</param>
public sealed record DiscoveryOptions(string Prefix = "homeassistant", int MaxConfigBytes = 64 * 1024)
{
    /// <summary>The defaults: prefix <c>homeassistant</c>, configs up to 64 KiB.</summary>
    public static DiscoveryOptions Default { get; } = new();
}
