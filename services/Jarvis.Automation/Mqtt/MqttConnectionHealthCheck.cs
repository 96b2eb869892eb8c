using System.Globalization;
using Jarvis.ServiceDefaults.Integrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jarvis.Automation.Mqtt;

/// <summary>
/// The service's own connection, not a probe: Degraded, naming the broker and the loss, for as long as it
/// is down. Degraded rather than Unhealthy: the service still serves what it stored, and queues commands.
/// </summary>
public sealed class MqttConnectionHealthCheck(MqttConnection connection, MqttBrokerAddress broker) : IHealthCheck
{
    public const string Name = "mqtt";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = connection.Status;
        var where = $"{broker.Host}:{broker.Port.ToString(CultureInfo.InvariantCulture)}";
        if (status.Connected)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"connected to {where} as {connection.ClientId}"));
        }

        var since = status.DownSince?.ToString("O", CultureInfo.InvariantCulture) ?? "start";
        var what = status.EverConnected ? "lost" : "not reached";
        var error = status.LastError is null ? "" : $"; last error: {status.LastError}";
        return Task.FromResult(HealthCheckResult.Degraded(
            $"MQTT broker {where} {what} since {since} ({status.FailedAttempts.ToString(CultureInfo.InvariantCulture)} failed reconnect attempts{error})"));
    }
}
