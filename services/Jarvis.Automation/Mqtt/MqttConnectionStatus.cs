namespace Jarvis.Automation.Mqtt;

/// <summary>What <c>/health</c> says about the connection: up, or down since when, after how many failed attempts and why.</summary>
public sealed record MqttConnectionStatus(bool Connected, DateTimeOffset? DownSince, bool EverConnected, int FailedAttempts, string? LastError);
