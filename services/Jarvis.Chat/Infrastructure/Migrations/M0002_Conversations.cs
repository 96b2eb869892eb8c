using FluentMigrator;

namespace Jarvis.Chat.Infrastructure.Migrations;

[Migration(2, "conversations")]
public sealed class M0002_Conversations : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE chat.conversations (
            id         uuid PRIMARY KEY,
            seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            user_id    uuid NOT NULL REFERENCES chat.users (id) ON DELETE CASCADE,
            title      text CHECK (char_length(title) BETWEEN 1 AND 200),
            pinned     boolean NOT NULL DEFAULT false,
            archived   boolean NOT NULL DEFAULT false,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now(),
            search     tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, ''))) STORED
        );
        CREATE INDEX conversations_user_seq ON chat.conversations (user_id, seq DESC);
        CREATE INDEX conversations_search ON chat.conversations USING gin (search);
        """);

    public override void Down() => Execute.Sql("DROP TABLE chat.conversations;");
}
