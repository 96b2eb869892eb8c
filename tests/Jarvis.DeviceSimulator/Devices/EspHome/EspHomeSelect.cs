using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.EspHome;

/// <summary>A template select: one of its options, by name.</summary>
public sealed class EspHomeSelect(string name, IReadOnlyList<string> options) : EspHomeComponent("select", name)
{
    private string _selected = options[0];

    public override JsonObject Config() => new() { ["ops"] = new JsonArray([.. options.Select(o => (JsonNode)o)]) };

    public override string? State() => _selected;

    public override bool Apply(string payload)
    {
        if (!options.Contains(payload))
        {
            return false;
        }

        _selected = payload;
        return true;
    }
}
