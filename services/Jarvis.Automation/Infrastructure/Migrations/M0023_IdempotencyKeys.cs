using FluentMigrator;

namespace Jarvis.Automation.Infrastructure.Migrations;

/// <summary>An automation step's id (run id + step path) on what it sends, so that a resumed run's second send is dropped.</summary>
[Migration(23, "idempotency keys on device commands and outbox messages")]
public sealed class M0023_IdempotencyKeys : Migration
{
    public override void Up() => Execute.Sql("""
        ALTER TABLE automation.device_commands ADD COLUMN idempotency_key text UNIQUE;
        ALTER TABLE automation.mqtt_outbox ADD COLUMN idempotency_key text UNIQUE;
        """);

    public override void Down() => Execute.Sql("""
        ALTER TABLE automation.mqtt_outbox DROP COLUMN idempotency_key;
        ALTER TABLE automation.device_commands DROP COLUMN idempotency_key;
        """);
}
