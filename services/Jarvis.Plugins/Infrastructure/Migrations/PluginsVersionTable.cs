using FluentMigrator.Runner.VersionTableInfo;

namespace Jarvis.Plugins.Infrastructure.Migrations;

/// <summary>FluentMigrator's version table, inside the plugins schema so services never share one.</summary>
internal sealed class PluginsVersionTable : IVersionTableMetaData
{
    public bool OwnsSchema => true;
    public string SchemaName => "plugins";
    public string TableName => "schema_version";
    public string ColumnName => "version";
    public string DescriptionColumnName => "description";
    public string UniqueIndexName => "schema_version_version_key";
    public string AppliedOnColumnName => "applied_on";
    public bool CreateWithPrimaryKey => false;
}
