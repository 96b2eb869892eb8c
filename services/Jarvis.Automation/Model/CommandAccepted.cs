namespace Jarvis.Automation.Model;

/// <summary>The answer to a command: its id (for <c>GET /api/devices/commands/{id}</c>) and <c>sent</c> or <c>queued</c>.</summary>
public sealed record CommandAccepted(Guid Id, string Status);
