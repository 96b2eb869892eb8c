namespace Jarvis.Monitor.Model;

/// <summary>A check moved from one status to another (an SSE event; down and up changes open and close incidents).</summary>
public sealed record StatusChange(string CheckId, string Name, CheckStatus From, CheckStatus To, DateTimeOffset At, string? Message, bool Flapping);
