extern alias automation;

using automation::Jarvis.Automation.Mqtt;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>One stable client id per replica; state topics shared only when there are several replicas.</summary>
public sealed class MqttClientIdentityTests
{
    [Fact]
    public void One_replica_is_jarvis_automation_0_and_subscribes_normally()
    {
        var identity = MqttClientIdentity.From(new ReplicaOptions(), null);

        Assert.Equal("jarvis-automation-0", identity.ClientId);
        Assert.False(identity.SharedSubscriptions);
        Assert.Equal("devices/+/state", new MqttSubscription("devices/+/state", MqttSubscriptionKind.OneReplica, typeof(object)).BrokerFilter(identity.SharedSubscriptions));
    }

    [Fact]
    public void Several_replicas_share_state_topics_but_every_replica_gets_discovery()
    {
        var identity = MqttClientIdentity.From(new ReplicaOptions { Replicas = 3, ReplicaIndex = "2" }, null);

        Assert.Equal("jarvis-automation-2", identity.ClientId);
        Assert.Equal("$share/jarvis-automation/devices/+/state",
            new MqttSubscription("devices/+/state", MqttSubscriptionKind.OneReplica, typeof(object)).BrokerFilter(identity.SharedSubscriptions));
        Assert.Equal("homeassistant/+/+/config",
            new MqttSubscription("homeassistant/+/+/config", MqttSubscriptionKind.EveryReplica, typeof(object)).BrokerFilter(identity.SharedSubscriptions));
    }

    [Fact]
    public void Without_an_index_several_replicas_take_the_slot_they_claim()
    {
        var identity = MqttClientIdentity.From(new ReplicaOptions { Replicas = 2 }, () => 1);

        Assert.Equal("jarvis-automation-1", identity.ClientId);
        Assert.True(identity.SharedSubscriptions);
    }

    [Fact]
    public void Several_replicas_with_nothing_to_tell_them_apart_refuse_to_start()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => MqttClientIdentity.From(new ReplicaOptions { Replicas = 2 }, null));

        Assert.Contains("Automation:ReplicaIndex must be set", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("a/+/c", true)]
    [InlineData("a/#", true)]
    [InlineData("#", true)]
    [InlineData("a/b+/c", false)]
    [InlineData("a/#/c", false)]
    [InlineData("", false)]
    [InlineData("$share/g/a", false)]
    public void A_subscription_takes_only_a_valid_topic_filter(string filter, bool valid) =>
        Assert.Equal(valid, MqttServiceCollectionExtensions.IsValidFilter(filter));
}
