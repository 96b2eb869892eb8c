using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(21, "automation runs and their steps (traces, checkpoints)")]
public sealed class M0021_AutomationRuns : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.automation_runs (
            id          uuid PRIMARY KEY,
            seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            automation  uuid NOT NULL REFERENCES automation.automations (id) ON DELETE CASCADE,
            version     integer NOT NULL,
            status      text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'skipped', 'stopped', 'failed', 'cancelled')),
            trigger     jsonb NOT NULL,
            variables   jsonb NOT NULL DEFAULT '{}',
            checkpoint  jsonb,
            catch_up    boolean NOT NULL DEFAULT false,
            started_at  timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            error       text
        );
        CREATE INDEX automation_runs_live ON automation.automation_runs (automation, seq) WHERE status IN ('queued', 'running');
        CREATE INDEX automation_runs_automation ON automation.automation_runs (automation, seq DESC);
        CREATE TABLE automation.automation_run_steps (
            run         uuid NOT NULL REFERENCES automation.automation_runs (id) ON DELETE CASCADE,
            seq         integer NOT NULL,
            path        text NOT NULL,
            iteration   text NOT NULL DEFAULT '',
            kind        text NOT NULL,
            started_at  timestamptz NOT NULL,
            finished_at timestamptz,
            result      jsonb,
            error       text,
            PRIMARY KEY (run, seq)
        );
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.automation_run_steps; DROP TABLE automation.automation_runs;");
}
