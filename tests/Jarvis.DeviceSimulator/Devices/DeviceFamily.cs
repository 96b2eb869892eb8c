namespace Jarvis.Simulation.Devices;

/// <summary>Whose MQTT dialect a simulated device speaks.</summary>
public enum DeviceFamily
{
    Zigbee2Mqtt,
    Tasmota,
    EspHome,
}
