using FluentMigrator;

namespace Jarvis.Plugins.Infrastructure.Migrations;

/// <summary>Whether an admin enabled or disabled a plugin, so the choice outlives a restart.</summary>
[Migration(2, "plugins.states: enabled or disabled by an admin")]
public sealed class M0002_PluginStates : Migration
{
    public override void Up() =>
        Create.Table("states").InSchema("plugins")
            .WithColumn("plugin_id").AsString(32).NotNullable().PrimaryKey("states_pkey")
            .WithColumn("enabled").AsBoolean().NotNullable()
            .WithColumn("updated_at").AsCustom("timestamptz").NotNullable();

    public override void Down() => Delete.Table("states").InSchema("plugins");
}
