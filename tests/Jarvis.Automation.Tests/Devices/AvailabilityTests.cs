extern alias automation;

using automation::Jarvis.Automation.Devices.Availability;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>Availability from one topic or a list, combined all/any/latest, with custom payloads and templates.</summary>
public sealed class AvailabilityTests
{
    private static readonly Dictionary<string, string> Nothing = [];

    [Fact]
    public void No_availability_topic_means_always_available()
    {
        var spec = Discovered.Supported(Samples.EspHomeTargetTopic, Samples.EspHomeTarget).Availability;

        Assert.Equal(AvailabilityStatus.Available, spec.Evaluate(Nothing));
    }

    [Fact]
    public void A_single_topic_with_custom_payloads()
    {
        var spec = Discovered.Supported(Samples.TasmotaRelayTopic, Samples.TasmotaRelay).Availability;
        const string lwt = "tele/tasmota_ABC123/LWT";

        Assert.Equal(AvailabilityStatus.Unknown, spec.Evaluate(Nothing));
        Assert.Equal(AvailabilityStatus.Available, spec.Evaluate(new Dictionary<string, string> { [lwt] = "Online" }));
        Assert.Equal(AvailabilityStatus.Unavailable, spec.Evaluate(new Dictionary<string, string> { [lwt] = "Offline" }));
        Assert.Equal(AvailabilityStatus.Unknown, spec.Evaluate(new Dictionary<string, string> { [lwt] = "online" }));
    }

    [Fact]
    public void Esphome_defaults_are_online_and_offline()
    {
        var spec = Discovered.Supported(Samples.EspHomeLampTopic, Samples.EspHomeLamp).Availability;

        Assert.Equal(AvailabilityStatus.Available, spec.Evaluate(new Dictionary<string, string> { ["desk-lamp/status"] = "online" }));
        Assert.Equal(AvailabilityStatus.Unavailable, spec.Evaluate(new Dictionary<string, string> { ["desk-lamp/status"] = "offline" }));
    }

    [Fact]
    public void Mode_all_needs_every_topic_available_through_its_template()
    {
        var spec = Discovered.Supported(Samples.Zigbee2MqttLightTopic, Samples.Zigbee2MqttLight).Availability;
        const string bridge = "zigbee2mqtt/bridge/state", device = "zigbee2mqtt/Kitchen Ceiling/availability";

        Assert.Equal(AvailabilityMode.All, spec.Mode);
        Assert.Equal(AvailabilityStatus.Unknown, spec.Evaluate(new Dictionary<string, string> { [bridge] = """{"state":"online"}""" }));
        Assert.Equal(AvailabilityStatus.Available, spec.Evaluate(new Dictionary<string, string> { [bridge] = """{"state":"online"}""", [device] = """{"state":"online"}""" }));
        Assert.Equal(AvailabilityStatus.Unavailable, spec.Evaluate(new Dictionary<string, string> { [bridge] = """{"state":"offline"}""", [device] = """{"state":"online"}""" }));
    }

    [Fact]
    public void Mode_any_needs_one_topic_available()
    {
        var spec = Spec("""{"stat_t":"s","avty_mode":"any","avty":[{"t":"a"},{"t":"b","pl_avail":"up","pl_not_avail":"down"}]}""");

        Assert.Equal(AvailabilityStatus.Available, spec.Evaluate(new Dictionary<string, string> { ["a"] = "offline", ["b"] = "up" }));
        Assert.Equal(AvailabilityStatus.Unknown, spec.Evaluate(new Dictionary<string, string> { ["a"] = "offline" }));
        Assert.Equal(AvailabilityStatus.Unavailable, spec.Evaluate(new Dictionary<string, string> { ["a"] = "offline", ["b"] = "down" }));
    }

    [Fact]
    public void Mode_latest_follows_the_topic_heard_from_last()
    {
        var spec = Spec("""{"stat_t":"s","avty":[{"t":"a"},{"t":"b"}]}""");
        var payloads = new Dictionary<string, string> { ["a"] = "online", ["b"] = "offline" };

        Assert.Equal(AvailabilityMode.Latest, spec.Mode);
        Assert.Equal(AvailabilityStatus.Available, spec.Evaluate(payloads, mostRecentTopic: "a"));
        Assert.Equal(AvailabilityStatus.Unavailable, spec.Evaluate(payloads, mostRecentTopic: "b"));
        Assert.Equal(AvailabilityStatus.Unknown, spec.Evaluate(payloads));
    }

    [Fact]
    public void Per_entry_payloads_override_the_shared_ones()
    {
        var spec = Spec("""{"stat_t":"s","pl_avail":"alive","avty_mode":"all","avty":[{"t":"a"},{"t":"b","pl_avail":"1","pl_not_avail":"0"}]}""");

        Assert.Equal(AvailabilityStatus.Available, spec.Evaluate(new Dictionary<string, string> { ["a"] = "alive", ["b"] = "1" }));
        Assert.Equal(AvailabilityStatus.Unavailable, spec.Evaluate(new Dictionary<string, string> { ["a"] = "alive", ["b"] = "0" }));
    }

    private static AvailabilitySpec Spec(string json) => Discovered.Supported("homeassistant/sensor/s/config", json).Availability;
}
