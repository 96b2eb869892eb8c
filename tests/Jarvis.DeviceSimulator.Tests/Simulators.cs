using Jarvis.Simulation.Mqtt;
using Jarvis.Testing;

namespace Jarvis.Simulation.Tests;

/// <summary>Options for a test's simulator: its own discovery prefix and Zigbee2MQTT base topic on the shared broker.</summary>
public static class Simulators
{
    public static SimulatorOptions For(MosquittoFixture mqtt, int seed = 1)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        return new SimulatorOptions
        {
            Broker = BrokerAddress.Parse(mqtt.ConnectionString),
            DiscoveryPrefix = $"ha-{run}",
            Zigbee2MqttBaseTopic = $"z2m-{run}",
            Seed = seed,
        };
    }
}
