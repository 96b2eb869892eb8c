using FluentMigrator;

namespace Jarvis.Chat.Infrastructure.Migrations;

[Migration(3, "messages")]
public sealed class M0003_Messages : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE chat.messages (
            id              uuid PRIMARY KEY,
            seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            conversation_id uuid NOT NULL REFERENCES chat.conversations (id) ON DELETE CASCADE,
            user_id         uuid NOT NULL,
            role            text NOT NULL CHECK (role IN ('user', 'assistant')),
            content         text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 16000),
            client_id       text CHECK (char_length(client_id) BETWEEN 1 AND 64),
            reply_to        uuid REFERENCES chat.messages (id) ON DELETE CASCADE,
            created_at      timestamptz NOT NULL DEFAULT now(),
            search          tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED
        );
        -- A retried send (same clientId) finds the first one instead of storing a second.
        CREATE UNIQUE INDEX messages_conversation_client_key ON chat.messages (conversation_id, client_id) WHERE client_id IS NOT NULL;
        CREATE INDEX messages_conversation_seq ON chat.messages (conversation_id, seq DESC);
        CREATE INDEX messages_reply_to ON chat.messages (reply_to);
        CREATE INDEX messages_search ON chat.messages USING gin (search);
        """);

    public override void Down() => Execute.Sql("DROP TABLE chat.messages;");
}
