using Microsoft.Extensions.Diagnostics.HealthChecks;
using MQTTnet;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>Ready when the broker accepts an MQTT connection.</summary>
public sealed class MqttBrokerHealthCheck(MqttBrokerAddress broker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"jarvis-health-{Guid.NewGuid():N}")
            .WithTimeout(TimeSpan.FromSeconds(3));
        if (broker.Username is { } username)
        {
            builder.WithCredentials(username, broker.Password);
        }

        var options = builder.Build();
        try
        {
            // MQTTnet 5 returns a refusal (a wrong password) as a result code rather than throwing.
            var result = await client.ConnectAsync(options, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"MQTT broker {broker.Host}:{broker.Port} refuses the connection: {result.ResultCode}");
            }

            await client.DisconnectAsync(cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy($"{broker.Host}:{broker.Port}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"MQTT broker {broker.Host}:{broker.Port} unreachable", ex);
        }
    }
}
