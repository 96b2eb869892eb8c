using FluentMigrator;

namespace Jarvis.Plugins.Infrastructure.Migrations;

/// <summary>Per-plugin persistent storage for <c>jarvis.kv</c>.</summary>
[Migration(1, "plugins.kv: per-plugin key-value storage")]
public sealed class M0001_KeyValue : Migration
{
    public override void Up() =>
        Create.Table("kv").InSchema("plugins")
            .WithColumn("plugin_id").AsString(32).NotNullable().PrimaryKey("kv_pkey")
            .WithColumn("key").AsString(128).NotNullable().PrimaryKey("kv_pkey")
            .WithColumn("value").AsCustom("text").NotNullable()
            .WithColumn("updated_at").AsCustom("timestamptz").NotNullable();

    public override void Down() => Delete.Table("kv").InSchema("plugins");
}
