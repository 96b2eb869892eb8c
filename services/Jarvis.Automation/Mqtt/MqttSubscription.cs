using MQTTnet;

namespace Jarvis.Automation.Mqtt;

/// <summary>A topic filter, who handles its messages, and whether replicas share it.</summary>
public sealed record MqttSubscription(string TopicFilter, MqttSubscriptionKind Kind, Type HandlerType)
{
    /// <summary>The filter as sent to the broker: shared between replicas when <paramref name="shared"/> and the kind asks for it.</summary>
    public string BrokerFilter(bool shared) =>
        shared && Kind == MqttSubscriptionKind.OneReplica ? $"$share/{MqttClientIdentity.ShareGroup}/{TopicFilter}" : TopicFilter;

    /// <summary>The subscription identifier of a broker filter: its place in the distinct list, from 1.</summary>
    public static uint IdentifierOf(IReadOnlyList<string> brokerFilters, string brokerFilter)
    {
        ArgumentNullException.ThrowIfNull(brokerFilters);
        for (var i = 0; i < brokerFilters.Count; i++)
        {
            if (string.Equals(brokerFilters[i], brokerFilter, StringComparison.Ordinal))
            {
                return (uint)i + 1;
            }
        }

        throw new ArgumentException($"'{brokerFilter}' is not one of the filters.", nameof(brokerFilter));
    }

    public bool Matches(string topic) =>
        MqttTopicFilterComparer.Compare(topic, TopicFilter) == MqttTopicFilterCompareResult.IsMatch;
}
