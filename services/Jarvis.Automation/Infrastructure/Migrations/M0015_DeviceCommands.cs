using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(15, "device commands")]
public sealed class M0015_DeviceCommands : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.device_commands (
            id         uuid PRIMARY KEY,
            entity     uuid REFERENCES automation.entities (id) ON DELETE SET NULL,
            entity_id  text NOT NULL,
            command    jsonb NOT NULL,
            outbox_ids uuid[] NOT NULL,
            user_id    uuid,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX device_commands_created_at ON automation.device_commands (created_at);
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.device_commands;");
}
