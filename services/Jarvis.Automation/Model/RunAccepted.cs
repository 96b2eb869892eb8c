namespace Jarvis.Automation.Model;

/// <summary>A run was started or queued (202); read it at <c>/api/automations/{id}/traces/{runId}</c>.</summary>
public sealed record RunAccepted(Guid RunId);
