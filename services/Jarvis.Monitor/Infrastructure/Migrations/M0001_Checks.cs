using FluentMigrator;

namespace Jarvis.Monitor.Infrastructure.Migrations;

[Migration(1, "checks")]
public sealed class M0001_Checks : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE monitor.checks (
            id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
            definition jsonb NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        """);

    public override void Down() => Execute.Sql("DROP TABLE monitor.checks;");
}
