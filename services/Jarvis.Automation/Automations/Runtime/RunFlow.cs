namespace Jarvis.Automation.Automations.Runtime;

/// <summary>How a step leaves its sequence: on to the next, or the run ends (stop, a condition step, a wait's timeout).</summary>
public sealed record RunFlow(bool Ends, string Status = "succeeded", string? Reason = null)
{
    public static RunFlow Next { get; } = new(false);
}
