using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.State;

/// <summary>Collects what the roles a topic plays (state, brightness, position, …) read from one payload.</summary>
internal sealed class StateBuilder(string topic, string payload)
{
    /// <summary>Home Assistant refuses states longer than this.</summary>
    public const int MaxStateLength = 255;

    public string Topic => topic;

    public string Payload => payload;

    public string? State { get; private set; }

    public JsonObject Attributes { get; } = [];

    public List<string> Errors { get; } = [];

    public bool Matched { get; set; }

    /// <summary>True when <paramref name="roleTopic"/> is this message's topic (the role applies).</summary>
    public bool Is(string? roleTopic)
    {
        var match = roleTopic is not null && MqttTopics.Matches(roleTopic, topic);
        Matched |= match;
        return match;
    }

    /// <summary>The payload through <paramref name="template"/> (or as it is); null with an error noted when rendering fails.</summary>
    public string? Render(Template? template, string role)
    {
        if (template is null)
        {
            return payload;
        }

        var result = template.Render(TemplateContext.ForPayload(payload));
        if (!result.Succeeded)
        {
            Errors.Add($"{role}: {result.Error}");
        }

        return result.Output;
    }

    public void SetState(string state)
    {
        if (state.Length > MaxStateLength)
        {
            Errors.Add($"the state is {state.Length} characters long; at most {MaxStateLength} are kept");
            return;
        }

        State = state;
    }
}
