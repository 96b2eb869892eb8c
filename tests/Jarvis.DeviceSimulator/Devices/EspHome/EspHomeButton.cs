using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.EspHome;

/// <summary>A button (here a restart button): no state, <c>PRESS</c> to press.</summary>
public sealed class EspHomeButton(string name) : EspHomeComponent("button", name)
{
    public int Presses { get; private set; }

    public override JsonObject Config() => new() { ["dev_cla"] = "restart", ["ent_cat"] = "config", ["pl_prs"] = "PRESS" };

    public override string? State() => null;

    public override bool Apply(string payload)
    {
        if (payload != "PRESS")
        {
            return false;
        }

        Presses++;
        return true;
    }
}
