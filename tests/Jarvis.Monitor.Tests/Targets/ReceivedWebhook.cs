namespace Jarvis.Monitor.Tests.Targets;

/// <summary>One webhook request as it arrived, and whether the receiver accepted it.</summary>
public sealed record ReceivedWebhook(string Body, string? Signature, bool Accepted);
