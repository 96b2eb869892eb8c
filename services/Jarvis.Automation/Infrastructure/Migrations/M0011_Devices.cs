using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(11, "devices")]
public sealed class M0011_Devices : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.devices (
            id                uuid PRIMARY KEY,
            seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            identifier        text NOT NULL UNIQUE,
            identifiers       text[] NOT NULL DEFAULT '{}',
            connections       text[] NOT NULL DEFAULT '{}',
            name              text,
            manufacturer      text,
            model             text,
            sw_version        text,
            hw_version        text,
            suggested_area    text,
            via_device        text,
            configuration_url text,
            name_override     text CHECK (char_length(name_override) BETWEEN 1 AND 100),
            area_id           uuid REFERENCES automation.areas (id) ON DELETE SET NULL,
            created_at        timestamptz NOT NULL DEFAULT now(),
            updated_at        timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX devices_area ON automation.devices (area_id);
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.devices;");
}
