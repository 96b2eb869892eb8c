using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(14, "state history")]
public sealed class M0014_StateHistory : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.state_history (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            entity      uuid NOT NULL REFERENCES automation.entities (id) ON DELETE CASCADE,
            kind        text NOT NULL CHECK (kind IN ('state', 'availability')),
            state       text,
            attributes  jsonb NOT NULL DEFAULT '{}',
            available   boolean,
            recorded_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX state_history_entity_id ON automation.state_history (entity, id DESC);
        CREATE INDEX state_history_recorded_at ON automation.state_history (recorded_at);
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.state_history;");
}
