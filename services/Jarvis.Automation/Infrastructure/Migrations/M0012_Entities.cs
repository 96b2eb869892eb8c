using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

[Migration(12, "entities")]
public sealed class M0012_Entities : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE automation.entities (
            id              uuid PRIMARY KEY,
            seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            discovery_key   text NOT NULL UNIQUE,
            entity_id       text NOT NULL UNIQUE,
            discovery_topic text NOT NULL,
            component       text NOT NULL,
            device_id       uuid REFERENCES automation.devices (id) ON DELETE SET NULL,
            config          jsonb NOT NULL,
            support         text NOT NULL CHECK (support IN ('supported', 'unsupported', 'invalid')),
            problem         text,
            name            text,
            unique_id       text,
            name_override   text CHECK (char_length(name_override) BETWEEN 1 AND 100),
            area_id         uuid REFERENCES automation.areas (id) ON DELETE SET NULL,
            aliases         text[] NOT NULL DEFAULT '{}',
            disabled        boolean NOT NULL DEFAULT false,
            created_at      timestamptz NOT NULL DEFAULT now(),
            updated_at      timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX entities_device ON automation.entities (device_id);
        CREATE INDEX entities_area ON automation.entities (area_id);
        CREATE INDEX entities_component_seq ON automation.entities (component, seq DESC);
        """);

    public override void Down() => Execute.Sql("DROP TABLE automation.entities;");
}
