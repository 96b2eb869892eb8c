using MQTTnet;

namespace Jarvis.Automation.Mqtt;

/// <summary>A topic filter, who handles its messages, and whether replicas share it.</summary>
public sealed record MqttSubscription(string TopicFilter, MqttSubscriptionKind Kind, Type HandlerType)
{
    /// <summary>The filter as sent to the broker: shared between replicas when <paramref name="shared"/> and the kind asks for it.</summary>
    public string BrokerFilter(bool shared) =>
        shared && Kind == MqttSubscriptionKind.OneReplica ? $"$share/{MqttClientIdentity.ShareGroup}/{TopicFilter}" : TopicFilter;

    public bool Matches(string topic) =>
        MqttTopicFilterComparer.Compare(topic, TopicFilter) == MqttTopicFilterCompareResult.IsMatch;
}
