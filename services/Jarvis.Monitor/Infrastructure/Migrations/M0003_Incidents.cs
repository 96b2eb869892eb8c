using FluentMigrator;

namespace Jarvis.Monitor.Infrastructure.Migrations;

/// <summary>Outages: at most one open per check, which is what makes "one alert per incident" hold across replicas.</summary>
[Migration(3, "incidents")]
public sealed class M0003_Incidents : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE monitor.incidents (
            id         uuid PRIMARY KEY,
            check_id   text NOT NULL,
            started_at timestamptz NOT NULL,
            ended_at   timestamptz,
            cause      text,
            muted      boolean NOT NULL DEFAULT false,
            seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE
        );
        CREATE UNIQUE INDEX incidents_one_open ON monitor.incidents (check_id) WHERE ended_at IS NULL;
        CREATE INDEX incidents_check_seq ON monitor.incidents (check_id, seq DESC);
        """);

    public override void Down() => Execute.Sql("DROP TABLE monitor.incidents;");
}
