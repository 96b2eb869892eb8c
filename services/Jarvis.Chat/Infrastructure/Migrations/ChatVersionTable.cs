using FluentMigrator.Runner.VersionTableInfo;

namespace Jarvis.Chat.Infrastructure.Migrations;

/// <summary>FluentMigrator's version table, kept inside the service's own schema.</summary>
internal sealed class ChatVersionTable : IVersionTableMetaData
{
    public const string Schema = "chat";

    public bool OwnsSchema => true;
    public string SchemaName => Schema;
    public string TableName => "schema_version";
    public string ColumnName => "version";
    public string DescriptionColumnName => "description";
    public string UniqueIndexName => "schema_version_version_key";
    public string AppliedOnColumnName => "applied_on";
    public bool CreateWithPrimaryKey => false;
}
