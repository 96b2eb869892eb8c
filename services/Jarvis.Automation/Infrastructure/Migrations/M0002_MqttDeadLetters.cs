using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(2, "mqtt dead letters")]
public sealed class M0002_MqttDeadLetters : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.mqtt_dead_letters (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            topic       text NOT NULL,
            payload     bytea NOT NULL,
            retain      boolean NOT NULL,
            qos         smallint NOT NULL,
            duplicate   boolean NOT NULL,
            received_at timestamptz NOT NULL,
            handler     text NOT NULL,
            error       text NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX mqtt_dead_letters_topic ON automation.mqtt_dead_letters (topic, id DESC);
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.mqtt_dead_letters;");
}
