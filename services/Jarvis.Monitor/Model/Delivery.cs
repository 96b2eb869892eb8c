namespace Jarvis.Monitor.Model;

/// <summary>One alert to one channel: delivered, still being retried, or given up (with the last error).</summary>
public sealed record Delivery(long Id, Guid? ChannelId, string Channel, AlertEvent Event, string CheckId, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, bool GaveUp, string? LastError);
