namespace Jarvis.Automation.Mqtt;

public enum MqttSubscriptionKind
{
    /// <summary>Every replica gets every message (retained discovery configs: each replica keeps the registry).</summary>
    EveryReplica,

    /// <summary>With several replicas, one of them gets each message (<c>$share/jarvis-automation/…</c>): device states.</summary>
    OneReplica,
}
