namespace Jarvis.Automation.Automations.Definitions;

/// <summary>A trigger; <see cref="Index"/> is its place in <c>triggers</c> (<c>trigger.idx</c>), <see cref="Id"/> its optional <c>id</c>.</summary>
public abstract record TriggerDefinition(int Index, string? Id, bool Enabled)
{
    /// <summary>The kind as Home Assistant names it (<c>trigger.platform</c>).</summary>
    public abstract string Platform { get; }
}
