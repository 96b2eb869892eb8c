using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(10, "areas")]
public sealed class M0010_Areas : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.areas (
            id         uuid PRIMARY KEY,
            seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX areas_name ON automation.areas (lower(name));
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.areas;");
}
