using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(20, "automations and their versions")]
public sealed class M0020_Automations : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.automations (
            id             uuid PRIMARY KEY,
            alias          text NOT NULL,
            enabled        boolean NOT NULL DEFAULT true,
            version        integer NOT NULL,
            definition     jsonb NOT NULL,
            created_at     timestamptz NOT NULL DEFAULT now(),
            updated_at     timestamptz NOT NULL DEFAULT now(),
            last_triggered timestamptz,
            run_counts     jsonb NOT NULL DEFAULT '{}'
        );
        CREATE TABLE automation.automation_versions (
            automation uuid NOT NULL REFERENCES automation.automations (id) ON DELETE CASCADE,
            version    integer NOT NULL,
            definition jsonb NOT NULL,
            source     text NOT NULL,
            format     text NOT NULL CHECK (format IN ('json', 'yaml')),
            created_by uuid,
            created_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (automation, version)
        );
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.automation_versions; DROP TABLE automation.automations;");
}
