namespace Jarvis.Monitor.Alerts;

/// <summary>A delivery claimed for one attempt: where it goes (channel settings joined in) and the alert's JSON.</summary>
public sealed record PendingDelivery(long Id, string Kind, string CheckId, string Payload, int Attempts, string? Url, string? Secret);
