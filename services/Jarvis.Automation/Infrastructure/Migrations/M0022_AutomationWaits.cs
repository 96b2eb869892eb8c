using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(22, "pending trigger 'for' waits and the time-trigger clock")]
public sealed class M0022_AutomationWaits : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.automation_trigger_waits (
            automation    uuid NOT NULL REFERENCES automation.automations (id) ON DELETE CASCADE,
            trigger_index integer NOT NULL,
            entity_id     text NOT NULL,
            due_at        timestamptz NOT NULL,
            trigger       jsonb NOT NULL,
            PRIMARY KEY (automation, trigger_index, entity_id)
        );
        CREATE TABLE automation.automation_clock (
            id        integer PRIMARY KEY CHECK (id = 1),
            ticked_at timestamptz NOT NULL
        );
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.automation_clock; DROP TABLE automation.automation_trigger_waits;");
}
