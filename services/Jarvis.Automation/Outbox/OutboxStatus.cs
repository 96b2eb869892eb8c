namespace Jarvis.Automation.Outbox;

/// <summary>Where an outbox message stands; it moves from <see cref="Queued"/> to exactly one of the others.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for the broker (or for the messages queued before it on the same topic).</summary>
    Queued,

    /// <summary>The broker acknowledged it (QoS 1 PUBACK).</summary>
    Sent,

    /// <summary>Not published within its time to live; never will be.</summary>
    Expired,

    /// <summary>The broker refused it (reason code in <see cref="OutboxEntry.Error"/>); never retried.</summary>
    Failed,
}
