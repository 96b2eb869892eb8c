namespace Jarvis.Automation.Outbox;

/// <summary>
/// A message to publish: a device command now, an automation's action later. <paramref name="TimeToLive"/>
/// (null: <c>Automation:Mqtt:OutboxTimeToLive</c>) is how late it may still go out: a light must not
/// switch on an hour after it was asked to.
/// </summary>
public sealed record OutboxMessage(string Topic, ReadOnlyMemory<byte> Payload, int QualityOfService = 1, bool Retain = false, TimeSpan? TimeToLive = null);
