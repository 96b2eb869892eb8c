using FluentMigrator.Runner.VersionTableInfo;

namespace Jarvis.ServiceDefaults.Migrations;

/// <summary>FluentMigrator's version table, kept inside the service's own schema so services never share one.</summary>
public sealed class SchemaVersionTable(string schema) : IVersionTableMetaData
{
    public bool OwnsSchema => true;
    public string SchemaName => schema;
    public string TableName => "schema_version";
    public string ColumnName => "version";
    public string DescriptionColumnName => "description";
    public string UniqueIndexName => "schema_version_version_key";
    public string AppliedOnColumnName => "applied_on";
    public bool CreateWithPrimaryKey => false;
}
