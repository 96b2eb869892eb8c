namespace Jarvis.Automation.Mqtt;

/// <summary>
/// Section <c>Automation</c>: how many replicas run (the AppHost passes <c>Automation__Replicas</c>) and
/// which one this is. The MQTT client id, <c>jarvis-automation-&lt;index&gt;</c>, must be stable across
/// restarts (the broker keeps the session under it) and distinct per replica (the broker drops the
/// older of two connections with one id).
/// </summary>
public sealed record ReplicaOptions
{
    public const string SectionName = "Automation";

    /// <summary>The number of replicas; above one, state topics are taken through a shared subscription.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>
    /// This replica's index (a Kubernetes StatefulSet's ordinal, for instance). Unset with one replica: 0.
    /// Unset with several (Aspire's replicas): the lowest slot free of the others, held while the process lives
    /// (<see cref="ReplicaSlot"/>), so a replica started again takes the index, and the session, of the one it replaces.
    /// </summary>
    public string? ReplicaIndex { get; init; }
}
