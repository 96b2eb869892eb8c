namespace Jarvis.Automation.Devices.Availability;

/// <summary>Whether an entity is reachable, as far as its availability topics tell.</summary>
public enum AvailabilityStatus
{
    /// <summary>Not enough has been heard yet to say.</summary>
    Unknown,

    /// <summary>Reachable.</summary>
    Available,

    /// <summary>The device or its bridge said it is gone (often its last will).</summary>
    Unavailable,
}
