using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.State;

/// <summary>Reads a message on one of an entity's topics into the change it makes. Pure and never throws for bad input.</summary>
public static class StateInterpreter
{
    /// <summary>Largest payload read, unless the caller says otherwise: 64 KiB.</summary>
    public const int DefaultMaxPayloadBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// What <paramref name="payload"/> on <paramref name="topic"/> changes for <paramref name="entity"/>: every role
    /// the topic plays (state, brightness, position, json attributes, …) read through its template. Not for me when
    /// the topic is none of the entity's; rejected, with the reason, when the payload cannot be read.
    /// </summary>
    public static StateOutcome Interpret(DiscoveredEntity entity, string topic, ReadOnlySpan<byte> payload, int maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(topic);
        if (!entity.StateTopics.Any(t => MqttTopics.Matches(t, topic)))
        {
            return StateOutcome.NotForMe;
        }

        if (entity.Config is null)
        {
            return StateOutcome.Rejected($"{entity.Component} '{entity.Key}' is {entity.Support.ToString().ToLowerInvariant()}: {entity.Problem}");
        }

        if (payload.Length > maxPayloadBytes)
        {
            return StateOutcome.Rejected($"the payload is {payload.Length} bytes; at most {maxPayloadBytes} are read");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return StateOutcome.Rejected("the payload is not UTF-8 text");
        }

        var state = new StateBuilder(topic, text);
        entity.Config.Read(state);
        if (state.Is(entity.JsonAttributesTopic))
        {
            ReadAttributes(state, entity.JsonAttributesTemplate);
        }

        if (state.State is null && state.Attributes.Count == 0)
        {
            return StateOutcome.Rejected(state.Errors.Count > 0 ? string.Join("; ", state.Errors) : "the payload changes nothing");
        }

        return StateOutcome.Changed(new StateChange(state.State, state.Attributes));
    }

    private static void ReadAttributes(StateBuilder state, Template? template)
    {
        var text = state.Render(template, "json_attributes_template");
        if (text is null)
        {
            return;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject attributes)
            {
                state.Errors.Add("json_attributes: the payload is not a JSON object");
                return;
            }

            foreach (var (key, value) in attributes)
            {
                state.Attributes.TryAdd(key, value?.DeepClone());
            }
        }
        catch (JsonException ex)
        {
            state.Errors.Add($"json_attributes: {ex.Message}");
        }
    }
}
