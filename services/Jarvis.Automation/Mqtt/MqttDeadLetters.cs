using Npgsql;

namespace Jarvis.Automation.Mqtt;

/// <summary>Received messages whose handler kept failing, kept with the error instead of being lost or retried forever.</summary>
public sealed class MqttDeadLetters(NpgsqlDataSource database)
{
    public async Task RecordAsync(MqttInboundMessage message, string handler, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(error);
        await using var command = database.CreateCommand("""
            INSERT INTO automation.mqtt_dead_letters (topic, payload, retain, qos, duplicate, received_at, handler, error)
            VALUES (@topic, @payload, @retain, @qos, @duplicate, @received_at, @handler, @error)
            """);
        command.Parameters.AddWithValue("topic", message.Topic);
        command.Parameters.AddWithValue("payload", message.Payload.ToArray());
        command.Parameters.AddWithValue("retain", message.Retain);
        command.Parameters.AddWithValue("qos", (short)message.QualityOfService);
        command.Parameters.AddWithValue("duplicate", message.IsDuplicate);
        command.Parameters.AddWithValue("received_at", message.ReceivedAt);
        command.Parameters.AddWithValue("handler", handler);
        command.Parameters.AddWithValue("error", $"{error.GetType().Name}: {error.Message}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM automation.mqtt_dead_letters");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
