using FluentMigrator;

namespace Jarvis.Chat.Infrastructure.Migrations;

[Migration(4, "audit log")]
public sealed class M0004_AuditLog : Migration
{
    // No foreign keys: the log outlives the users and conversations it names.
    public override void Up() => Execute.Sql("""
        CREATE TABLE chat.audit_log (
            id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            occurred_at    timestamptz NOT NULL DEFAULT now(),
            actor_id       uuid,
            actor_name     text,
            action         text NOT NULL,
            target_type    text,
            target_id      text,
            remote_address text,
            details        jsonb
        );
        CREATE INDEX audit_log_action ON chat.audit_log (action, id DESC);
        """);

    public override void Down() => Execute.Sql("DROP TABLE chat.audit_log;");
}
