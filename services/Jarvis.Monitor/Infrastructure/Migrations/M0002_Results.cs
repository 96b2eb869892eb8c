using FluentMigrator;

namespace Jarvis.Monitor.Infrastructure.Migrations;

/// <summary>Every attempt (kept 7 days) and hourly rollups (kept a year). status is Uptime Kuma's number.</summary>
[Migration(2, "results and hourly rollups")]
public sealed class M0002_Results : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE monitor.results (
            check_id   text NOT NULL,
            at         timestamptz NOT NULL,
            ok         boolean NOT NULL,
            status     smallint NOT NULL,
            latency_ms real,
            message    text
        );
        CREATE INDEX results_check_at ON monitor.results (check_id, at DESC);
        CREATE INDEX results_at ON monitor.results (at);

        CREATE TABLE monitor.hourly (
            check_id       text NOT NULL,
            hour           timestamptz NOT NULL,
            total          integer NOT NULL,
            up             integer NOT NULL,
            maintenance    integer NOT NULL,
            avg_latency_ms real,
            max_latency_ms real,
            PRIMARY KEY (check_id, hour)
        );
        """);

    public override void Down() => Execute.Sql("DROP TABLE monitor.hourly; DROP TABLE monitor.results;");
}
