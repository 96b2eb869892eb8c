using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.EspHome;

/// <summary>A <c>monochromatic</c> light: JSON schema, brightness 0–255.</summary>
public sealed class EspHomeLight(string name) : EspHomeComponent("light", name)
{
    private bool _on;
    private int _brightness = 255;

    public override JsonObject Config() => new()
    {
        ["schema"] = "json",
        ["brightness"] = true,
        ["clrm"] = true,
        ["sup_clrm"] = new JsonArray("brightness"),
    };

    public override string? State() => Json.Write(new JsonObject
    {
        ["state"] = _on ? "ON" : "OFF",
        ["color_mode"] = "brightness",
        ["brightness"] = _brightness,
    });

    public override bool Apply(string payload)
    {
        if (Json.TryObject(payload) is not { } command)
        {
            return false;
        }

        var understood = false;
        if ((command["state"] as JsonValue)?.ToString().ToUpperInvariant() is { } state && state is "ON" or "OFF" or "TOGGLE")
        {
            _on = state == "TOGGLE" ? !_on : state == "ON";
            understood = true;
        }

        if (Json.Number(command["brightness"]) is { } brightness)
        {
            _brightness = (int)Math.Clamp(Math.Round(brightness), 1, 255);
            _on = _on || !command.ContainsKey("state");
            understood = true;
        }

        return understood;
    }
}
