using FluentMigrator;

namespace Jarvis.Chat.Infrastructure.Migrations;

[Migration(1, "users")]
public sealed class M0001_Users : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE chat.users (
            id            uuid PRIMARY KEY,
            seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            username      text NOT NULL CHECK (char_length(username) BETWEEN 2 AND 32),
            password_hash text NOT NULL,
            role          text NOT NULL CHECK (role IN ('admin', 'user')),
            disabled      boolean NOT NULL DEFAULT false,
            created_at    timestamptz NOT NULL DEFAULT now(),
            updated_at    timestamptz NOT NULL DEFAULT now()
        );
        -- Usernames are unique without regard to case.
        CREATE UNIQUE INDEX users_username_lower_key ON chat.users (lower(username));
        """);

    public override void Down() => Execute.Sql("DROP TABLE chat.users;");
}
