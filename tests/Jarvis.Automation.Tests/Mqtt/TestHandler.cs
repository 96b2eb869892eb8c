extern alias automation;

using System.Text;
using automation::Jarvis.Automation.Mqtt;
using Npgsql;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>
/// Stores each message in <c>mqtt_test.received</c>, idempotently as the seam asks: a message already stored
/// (same topic and payload; the tests' payloads are unique) changes nothing.
/// </summary>
public sealed class TestHandler(NpgsqlDataSource database, TestHandlerBehaviour behaviour) : IMqttMessageHandler
{
    public const string CreateTable = """
        CREATE SCHEMA IF NOT EXISTS mqtt_test;
        CREATE TABLE IF NOT EXISTS mqtt_test.received (
            topic      text NOT NULL,
            payload    text NOT NULL,
            seq        bigint GENERATED ALWAYS AS IDENTITY,
            duplicate  boolean NOT NULL,
            PRIMARY KEY (topic, payload));
        """;

    public async Task HandleAsync(MqttInboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        behaviour.Deliveries.Enqueue(message);
        var payload = Encoding.UTF8.GetString(message.Payload.Span);
        if (behaviour.Fails(payload))
        {
            throw new InvalidOperationException($"The test handler refuses '{payload}'.");
        }

        await using var command = database.CreateCommand("""
            INSERT INTO mqtt_test.received (topic, payload, duplicate) VALUES (@topic, @payload, @duplicate)
            ON CONFLICT (topic, payload) DO NOTHING
            """);
        command.Parameters.AddWithValue("topic", message.Topic);
        command.Parameters.AddWithValue("payload", payload);
        command.Parameters.AddWithValue("duplicate", message.IsDuplicate);
        await command.ExecuteNonQueryAsync(cancellationToken);

        if (behaviour.HangsAfterStoring(payload))
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
    }
}
