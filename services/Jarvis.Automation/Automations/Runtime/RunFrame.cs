using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// Where a run stands at one level of nesting: the step's index in its sequence, the branch it took (<c>then</c>,
/// <c>else</c>, <c>choose/1</c>, <c>default</c>), its repeat iteration, and the end of its wait. The list of frames
/// is the checkpoint a run resumes from.
/// </summary>
public sealed class RunFrame
{
    public int Index { get; set; }

    public string? Branch { get; set; }

    public int Iteration { get; set; }

    public DateTimeOffset? WaitUntil { get; set; }

    public JsonObject ToJson() => new() { ["i"] = Index, ["b"] = Branch, ["n"] = Iteration, ["u"] = WaitUntil?.ToString("O") };

    public static RunFrame FromJson(JsonNode? json) => new()
    {
        Index = json?["i"]?.GetValue<int>() ?? 0,
        Branch = json?["b"]?.GetValue<string>(),
        Iteration = json?["n"]?.GetValue<int>() ?? 0,
        WaitUntil = json?["u"]?.GetValue<string>() is { } until ? DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture) : null,
    };
}
