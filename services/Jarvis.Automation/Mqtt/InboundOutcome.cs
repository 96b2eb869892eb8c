namespace Jarvis.Automation.Mqtt;

/// <summary>What became of a received message; only the first two are acknowledged to the broker.</summary>
public enum InboundOutcome
{
    /// <summary>Every handler stored what the message changes (or no handler wanted it).</summary>
    Stored,

    /// <summary>A handler kept failing; the message is kept in <c>automation.mqtt_dead_letters</c>.</summary>
    DeadLettered,

    /// <summary>Neither stored nor dead-lettered (storage down, or the service stopping): the broker must send it again.</summary>
    NotStored,
}
