using FluentMigrator;

namespace Jarvis.Monitor.Infrastructure.Migrations;

/// <summary>
/// Alert channels, the deliveries owed to them (retried until delivered or given up, failures kept), and the
/// leader lease: one row whose epoch is the fencing token every alert-sending statement checks.
/// </summary>
[Migration(4, "alert channels, deliveries, leader lease")]
public sealed class M0004_Alerts : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE monitor.channels (
            id         uuid PRIMARY KEY,
            name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
            kind       text NOT NULL CHECK (kind IN ('mqtt', 'webhook', 'chat')),
            enabled    boolean NOT NULL DEFAULT true,
            url        text,
            secret     text,
            created_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE monitor.deliveries (
            id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            channel_id      uuid REFERENCES monitor.channels (id) ON DELETE CASCADE,
            channel         text NOT NULL,
            event           text NOT NULL,
            check_id        text NOT NULL,
            payload         jsonb NOT NULL,
            attempts        integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL DEFAULT now(),
            created_at      timestamptz NOT NULL DEFAULT now(),
            delivered_at    timestamptz,
            gave_up         boolean NOT NULL DEFAULT false,
            last_error      text
        );
        CREATE INDEX deliveries_due ON monitor.deliveries (next_attempt_at) WHERE delivered_at IS NULL AND NOT gave_up;
        CREATE INDEX deliveries_check ON monitor.deliveries (check_id, id DESC);

        CREATE TABLE monitor.leader (
            id         integer PRIMARY KEY CHECK (id = 1),
            holder     text NOT NULL,
            epoch      bigint NOT NULL,
            expires_at timestamptz NOT NULL
        );
        """);

    public override void Down() => Execute.Sql("DROP TABLE monitor.leader; DROP TABLE monitor.deliveries; DROP TABLE monitor.channels;");
}
