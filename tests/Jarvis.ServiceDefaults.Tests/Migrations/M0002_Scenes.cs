using FluentMigrator;

namespace Jarvis.ServiceDefaults.Tests.Migrations;

[Migration(2, "scenes")]
public sealed class M0002_Scenes : Migration
{
    public override void Up() => Execute.Sql("CREATE TABLE lighting.scenes (id uuid PRIMARY KEY, lamp_id uuid REFERENCES lighting.lamps (id));");

    public override void Down() => Execute.Sql("DROP TABLE lighting.scenes;");
}
