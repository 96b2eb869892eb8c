using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(13, "entity states")]
public sealed class M0013_EntityStates : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.entity_states (
            entity          uuid PRIMARY KEY REFERENCES automation.entities (id) ON DELETE CASCADE,
            state           text,
            attributes      jsonb NOT NULL DEFAULT '{}',
            available       boolean,
            availability    jsonb NOT NULL DEFAULT '{}',
            availability_latest text,
            error           text,
            last_changed    timestamptz,
            last_updated    timestamptz
        );
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.entity_states;");
}
