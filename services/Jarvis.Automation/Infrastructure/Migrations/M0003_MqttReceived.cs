using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

/// <summary>
/// The last message stored under each packet id of each MQTT client (replica), written in the same transaction as
/// the state it changed: a message the broker sends again (DUP) after a crash is recognised and only acknowledged.
/// At most 65,535 rows per client.
/// </summary>
[Migration(3, "mqtt received packet ids")]
public sealed class M0003_MqttReceived : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.mqtt_received (
            client_id    text NOT NULL,
            packet_id    integer NOT NULL,
            topic        text NOT NULL,
            payload_hash bytea NOT NULL,
            stored_at    timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (client_id, packet_id)
        );
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.mqtt_received;");
}
