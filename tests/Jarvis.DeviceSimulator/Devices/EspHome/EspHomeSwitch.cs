using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.EspHome;

/// <summary>A GPIO switch (a relay): <c>ON</c>/<c>OFF</c> in and out.</summary>
public sealed class EspHomeSwitch(string name) : EspHomeComponent("switch", name)
{
    private bool _on;

    public override JsonObject Config() => new() { ["icon"] = "mdi:power-socket-eu" };

    public override string? State() => _on ? "ON" : "OFF";

    public override bool Apply(string payload)
    {
        switch (payload.Trim().ToUpperInvariant())
        {
            case "ON":
                _on = true;
                return true;
            case "OFF":
                _on = false;
                return true;
            case "TOGGLE":
                _on = !_on;
                return true;
            default:
                return false;
        }
    }
}
