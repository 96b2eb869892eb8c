using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.EspHome;

/// <summary>
/// One component of an ESPHome node (<c>light:</c>, <c>sensor:</c>, …): state on
/// <c>&lt;node&gt;/&lt;component&gt;/&lt;object_id&gt;/state</c>, commands on <c>…/command</c>.
/// Called under its node's lock.
/// </summary>
public abstract class EspHomeComponent(string component, string name)
{
    public string Component { get; } = component;

    public string Name { get; } = name;

    public string ObjectId { get; } = SimulatedDevice.Slug(name);

    public virtual bool TakesCommands => true;

    public virtual bool Reads => false;

    /// <summary>The keys particular to this component's discovery config.</summary>
    public abstract JsonObject Config();

    /// <summary>The state payload, or null for a component without state (a button).</summary>
    public abstract string? State();

    /// <summary>Carries out a command; false when the payload means nothing to this component.</summary>
    public abstract bool Apply(string payload);

    public virtual void Drift(Random random)
    {
    }
}
