using FluentMigrator;

namespace Jarvis.ServiceDefaults.Tests.Migrations;

[Migration(1, "lamps")]
public sealed class M0001_Lamps : Migration
{
    public override void Up() => Execute.Sql("CREATE TABLE lighting.lamps (id uuid PRIMARY KEY, name text NOT NULL);");

    public override void Down() => Execute.Sql("DROP TABLE lighting.lamps;");
}
