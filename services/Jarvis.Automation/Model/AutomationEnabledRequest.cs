namespace Jarvis.Automation.Model;

/// <summary><c>PATCH /api/automations/{id}</c>: enable or disable (disabling cancels its running runs).</summary>
public sealed record AutomationEnabledRequest(bool? Enabled);
