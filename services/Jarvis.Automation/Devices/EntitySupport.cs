namespace Jarvis.Automation.Devices;

/// <summary>Whether Jarvis can work with a discovered entity; the last two are listed with a reason, never dropped.</summary>
public enum EntitySupport
{
    /// <summary>Read and commanded as its component allows.</summary>
    Supported,

    /// <summary>A component (or light schema) Jarvis does not handle yet; <see cref="DiscoveredEntity.Problem"/> says which.</summary>
    Unsupported,

    /// <summary>The config is wrong (a required option missing, a value of the wrong type, a template beyond the subset).</summary>
    Invalid,
}
