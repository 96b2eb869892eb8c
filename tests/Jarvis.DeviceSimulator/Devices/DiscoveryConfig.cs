using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices;

/// <summary>One Home Assistant discovery config: <c>&lt;prefix&gt;/&lt;component&gt;/[&lt;node_id&gt;/]&lt;object_id&gt;/config</c>.</summary>
public sealed record DiscoveryConfig(string Component, string Topic, JsonObject Payload)
{
    public OutgoingMessage ToMessage() => new(Topic, Payload.ToJsonString(Json.Options), Retain: true);
}
