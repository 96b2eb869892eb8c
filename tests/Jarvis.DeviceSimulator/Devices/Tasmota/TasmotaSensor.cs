namespace Jarvis.Simulation.Devices.Tasmota;

/// <summary>What a Tasmota device reports in <c>tele/&lt;topic&gt;/SENSOR</c> besides its relay.</summary>
public enum TasmotaSensor
{
    /// <summary>A metering plug: <c>{"ENERGY":{"Power":…,"Voltage":…}}</c>.</summary>
    Energy,

    /// <summary>An AM2301 on a GPIO: <c>{"AM2301":{"Temperature":…,"Humidity":…}}</c>.</summary>
    Am2301,
}
