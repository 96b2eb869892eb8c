using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Devices.Components;

/// <summary>
/// A light in the <c>json</c> schema (Zigbee2MQTT, ESPHome): one JSON state payload and one JSON command such as
/// <c>{"state":"ON","brightness":N}</c>, brightness on the device's <c>brightness_scale</c>.
/// </summary>
public sealed record JsonLightConfig(
    string? StateTopic,
    string CommandTopic,
    bool SupportsBrightness,
    int BrightnessScale,
    bool SupportsColorTemp,
    bool ColorTempKelvin,
    int MinMireds,
    int MaxMireds,
    IReadOnlyList<string> SupportedColorModes) : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [StateTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => true;

    internal static JsonLightConfig From(ConfigReader r)
    {
        var modes = r.TextList("supported_color_modes") ?? [];
        var (min, max) = LightScales.MiredRange(r);
        return new JsonLightConfig(
            r.Topic("state_topic"), Required.Topic(r, "command_topic", "light", publish: true),
            r.Flag("brightness", false) || modes.Any(m => m is not ("onoff" or "unknown")),
            r.Whole("brightness_scale", 255, 1, 1_000_000),
            r.Flag("color_temp", false) || modes.Contains("color_temp"),
            r.Flag("color_temp_kelvin", false), min, max, modes);
    }

    internal override void Read(StateBuilder state)
    {
        if (!state.Is(StateTopic))
        {
            return;
        }

        JsonObject values;
        try
        {
            values = JsonNode.Parse(state.Payload) as JsonObject ?? throw new JsonException("the payload is not a JSON object");
        }
        catch (JsonException ex)
        {
            state.Errors.Add($"a json light's state must be a JSON object: {ex.Message}");
            return;
        }

        switch (values["state"]?.GetValueKind() == JsonValueKind.String ? values["state"]!.GetValue<string>() : null)
        {
            case "ON":
                state.SetState("on");
                break;
            case "OFF":
                state.SetState("off");
                break;
        }

        if (SupportsBrightness && values["brightness"]?.GetValueKind() == JsonValueKind.Number)
        {
            state.Attributes["brightness"] = LightScales.FromDevice(values["brightness"]!.GetValue<double>(), BrightnessScale);
        }

        if (values["color_temp"]?.GetValueKind() == JsonValueKind.Number)
        {
            ColorTemperature.Set(state, values["color_temp"]!.GetValue<double>(), ColorTempKelvin);
        }

        if (values["color_mode"]?.GetValueKind() == JsonValueKind.String)
        {
            state.Attributes["color_mode"] = values["color_mode"]!.GetValue<string>();
        }
    }

    internal override CommandTranslation Translate(CommandContext context)
    {
        var command = context.Command;
        var on = command.Kind switch
        {
            CommandKind.TurnOff => false,
            CommandKind.Toggle => context.ToggleTurnsOn("on"),
            CommandKind.Set when command.Brightness is null && command.ColorTemp is null => (bool?)null,
            _ => command.Brightness != 0,
        };
        if (on is null)
        {
            return CommandTranslation.Fail("set on a light needs brightness or colorTemp");
        }

        var message = new JsonObject { ["state"] = on.Value ? "ON" : "OFF" };
        if (on.Value && command.Brightness is { } brightness)
        {
            if (!SupportsBrightness)
            {
                return CommandTranslation.Fail("this light does not support brightness");
            }

            message["brightness"] = LightScales.ToDevice(brightness, BrightnessScale);
        }

        if (on.Value && command.ColorTemp is { } mireds)
        {
            if (!SupportsColorTemp)
            {
                return CommandTranslation.Fail("this light does not support colour temperature");
            }

            if (mireds < MinMireds || mireds > MaxMireds)
            {
                return CommandTranslation.Fail($"colorTemp {mireds} is outside this light's {MinMireds}..{MaxMireds} mireds");
            }

            message["color_temp"] = ColorTempKelvin ? LightScales.MiredsKelvin(mireds) : mireds;
        }

        return CommandTranslation.Ok(context.Message(CommandTopic, message.ToJsonString()));
    }
}
