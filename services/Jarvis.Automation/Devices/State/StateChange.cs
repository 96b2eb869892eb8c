using System.Text.Json.Nodes;

namespace Jarvis.Automation.Devices.State;

/// <summary>
/// What one message changes: the state (null when this message does not carry it, e.g. a brightness-only topic)
/// and attributes in Home Assistant's names and units: <c>brightness</c> (0–255), <c>color_temp</c> (mireds),
/// <c>color_temp_kelvin</c>, <c>current_position</c> (0–100), <c>temperature</c> (target),
/// <c>current_temperature</c>, <c>hvac_mode</c>, plus whatever a <c>json_attributes_topic</c> carries.
/// </summary>
public sealed record StateChange(string? State, JsonObject Attributes);
