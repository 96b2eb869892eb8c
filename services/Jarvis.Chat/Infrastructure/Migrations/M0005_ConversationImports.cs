using FluentMigrator;

namespace Jarvis.Chat.Infrastructure.Migrations;

[Migration(5, "conversation imports")]
public sealed class M0005_ConversationImports : Migration
{
    // The exported conversation an import came from: importing the same export twice finds the first import.
    public override void Up() => Execute.Sql("""
        ALTER TABLE chat.conversations ADD COLUMN imported_from uuid;
        CREATE UNIQUE INDEX conversations_user_imported_from_key ON chat.conversations (user_id, imported_from) WHERE imported_from IS NOT NULL;
        """);

    public override void Down() => Execute.Sql("""
        DROP INDEX chat.conversations_user_imported_from_key;
        ALTER TABLE chat.conversations DROP COLUMN imported_from;
        """);
}
