namespace Jarvis.Automation.Devices.Availability;

/// <summary>How several availability topics combine (<c>availability_mode</c>).</summary>
public enum AvailabilityMode
{
    /// <summary>Available only when every topic says available.</summary>
    All,

    /// <summary>Available when any topic says available.</summary>
    Any,

    /// <summary>The most recent message on any of the topics decides (the default).</summary>
    Latest,
}
