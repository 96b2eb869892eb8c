using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(1, "mqtt outbox")]
public sealed class M0001_MqttOutbox : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.mqtt_outbox (
            id          uuid PRIMARY KEY,
            seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            topic       text NOT NULL CHECK (char_length(topic) BETWEEN 1 AND 65535),
            payload     bytea NOT NULL,
            qos         smallint NOT NULL DEFAULT 1 CHECK (qos BETWEEN 0 AND 2),
            retain      boolean NOT NULL DEFAULT false,
            status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'expired', 'failed')),
            created_at  timestamptz NOT NULL DEFAULT now(),
            expires_at  timestamptz NOT NULL,
            finished_at timestamptz,
            attempts    integer NOT NULL DEFAULT 0,
            error       text
        );
        -- The publisher's question: the oldest queued row of each topic.
        CREATE INDEX mqtt_outbox_queued_topic_seq ON automation.mqtt_outbox (topic, seq) WHERE status = 'queued';
        CREATE INDEX mqtt_outbox_queued_expires ON automation.mqtt_outbox (expires_at) WHERE status = 'queued';
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.mqtt_outbox;");
}
