using System.Globalization;
using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>Whether a state change or an MQTT message fires a trigger, and the <c>trigger</c> variable it gives the run.</summary>
public static class TriggerMatcher
{
    public static bool InRange(string? text, double? above, double? below) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && (above is not { } low || value > low) && (below is not { } high || value < high);

    private static string? Value(EntitySnapshot? snapshot, string? attribute) =>
        attribute is null ? snapshot?.State : JsonElements.Text(snapshot?.Attributes[attribute]);

    /// <summary>The change fires the trigger (before any <c>for</c>).</summary>
    public static bool Fires(TriggerDefinition trigger, EntitySnapshot? old, EntitySnapshot current) => trigger switch
    {
        StateTrigger state => state.EntityIds.Contains(current.EntityId) && FiresState(state, old, current),
        NumericStateTrigger numeric => numeric.EntityIds.Contains(current.EntityId)
            && InRange(Value(current, numeric.Attribute), numeric.Above, numeric.Below)
            && !InRange(Value(old, numeric.Attribute), numeric.Above, numeric.Below),
        _ => false,
    };

    /// <summary>For a pending <c>for</c>: the entity still satisfies the trigger's target.</summary>
    public static bool StillHolds(TriggerDefinition trigger, string? firedValue, EntitySnapshot? current) => trigger switch
    {
        StateTrigger state => current is not null && (state.To is { } to ? to.Contains(Value(current, state.Attribute)) : Value(current, state.Attribute) == firedValue),
        NumericStateTrigger numeric => InRange(Value(current, numeric.Attribute), numeric.Above, numeric.Below),
        _ => false,
    };

    private static bool FiresState(StateTrigger trigger, EntitySnapshot? old, EntitySnapshot current)
    {
        var before = Value(old, trigger.Attribute);
        var after = Value(current, trigger.Attribute);
        if (before == after)
        {
            return false;
        }

        return (trigger.From is not { } from || from.Contains(before) || from.Contains(null) && from.Count == 1)
            && (trigger.To is not { } to || to.Contains(after) || to.Contains(null) && to.Count == 1);
    }

    public static JsonObject StateVariables(TriggerDefinition trigger, EntitySnapshot? old, EntitySnapshot current)
    {
        var variables = Common(trigger);
        variables["entity_id"] = current.EntityId;
        variables["from_state"] = old?.ToJson();
        variables["to_state"] = current.ToJson();
        variables["attribute"] = (trigger as StateTrigger)?.Attribute ?? (trigger as NumericStateTrigger)?.Attribute;

        var duration = (trigger as StateTrigger)?.For ?? (trigger as NumericStateTrigger)?.For;
        variables["for"] = duration?.ToString("c", CultureInfo.InvariantCulture);
        variables["description"] = $"state of {current.EntityId}";
        return variables;
    }

    public static JsonObject MqttVariables(MqttTrigger trigger, string topic, string payload)
    {
        var variables = Common(trigger);
        variables["topic"] = topic;
        variables["payload"] = payload;
        try
        {
            variables["payload_json"] = JsonNode.Parse(payload, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (System.Text.Json.JsonException)
        {
        }

        variables["description"] = $"mqtt topic {topic}";
        return variables;
    }

    public static JsonObject Common(TriggerDefinition trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return new JsonObject
        {
            ["platform"] = trigger.Platform,
            ["id"] = trigger.Id ?? trigger.Index.ToString(CultureInfo.InvariantCulture),
            ["idx"] = trigger.Index.ToString(CultureInfo.InvariantCulture),
        };
    }
}
