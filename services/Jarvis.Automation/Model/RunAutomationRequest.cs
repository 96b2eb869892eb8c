namespace Jarvis.Automation.Model;

/// <summary><c>POST /api/automations/{id}/run</c>: run the actions now; with <see cref="SkipConditions"/> the conditions are not checked.</summary>
public sealed record RunAutomationRequest(bool? SkipConditions);
