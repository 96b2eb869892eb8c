using Jarvis.Chat.Model;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Chat.Infrastructure;

/// <summary>Messages of a person's conversations; sends are idempotent per (conversation, clientId).</summary>
public sealed class MessageStore(NpgsqlDataSource db)
{
    private const string Columns = "id, conversation_id, role, content, client_id, reply_to, created_at";

    /// <summary>
    /// One statement, so one round trip and one transaction: lock the conversation (concurrent sends
    /// to it queue here), insert the user message unless its clientId is already stored, insert the
    /// reply, and touch the conversation (naming it from its first message).
    /// </summary>
    private const string SendSql = $"""
        WITH conversation AS (
            SELECT id FROM chat.conversations WHERE id = @conversation AND user_id = @user FOR UPDATE
        ), sent AS (
            INSERT INTO chat.messages (id, conversation_id, user_id, role, content, client_id)
            SELECT @message, id, @user, 'user', @content, @client FROM conversation
            ON CONFLICT (conversation_id, client_id) WHERE client_id IS NOT NULL DO NOTHING
            RETURNING {Columns}
        ), reply AS (
            INSERT INTO chat.messages (id, conversation_id, user_id, role, content, reply_to)
            SELECT @reply, conversation_id, @user, 'assistant', @replyContent, id FROM sent
            RETURNING {Columns}
        ), touched AS (
            UPDATE chat.conversations SET updated_at = now(), title = COALESCE(title, @title)
            WHERE id = (SELECT conversation_id FROM reply)
        )
        SELECT * FROM sent UNION ALL SELECT * FROM reply
        """;

    private const string ExistingSql = $"""
        SELECT {Columns} FROM chat.messages
        WHERE conversation_id = @conversation AND user_id = @user AND client_id = @client
        UNION ALL
        SELECT r.id, r.conversation_id, r.role, r.content, r.client_id, r.reply_to, r.created_at
        FROM chat.messages r JOIN chat.messages m ON r.reply_to = m.id
        WHERE m.conversation_id = @conversation AND m.user_id = @user AND m.client_id = @client
        """;

    /// <summary>Null when the conversation is not the person's; <c>Created</c> false for a repeated clientId.</summary>
    public async Task<(MessageExchange Exchange, bool Created)?> SendAsync(
        Guid userId, Guid conversationId, string content, string clientId, string reply, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using (var send = new NpgsqlCommand(SendSql, connection))
        {
            send.Parameters.AddWithValue("conversation", conversationId);
            send.Parameters.AddWithValue("user", userId);
            send.Parameters.AddWithValue("message", Guid.CreateVersion7());
            send.Parameters.AddWithValue("reply", Guid.CreateVersion7());
            send.Parameters.AddWithValue("content", content);
            send.Parameters.AddWithValue("client", clientId);
            send.Parameters.AddWithValue("replyContent", reply);
            send.Parameters.AddWithValue("title", ConversationTitle.FromFirstMessage(content));
            // The hot path: planned once per pooled connection, not on every send.
            await send.PrepareAsync(cancellationToken);
            if (await ReadExchangeAsync(send, cancellationToken) is { } created)
            {
                return (created, true);
            }
        }

        // Nothing inserted: either the conversation is not theirs, or this clientId was sent before
        // (the row lock above made us wait until that send committed, so it is visible now).
        await using var existing = new NpgsqlCommand(ExistingSql, connection);
        existing.Parameters.AddWithValue("conversation", conversationId);
        existing.Parameters.AddWithValue("user", userId);
        existing.Parameters.AddWithValue("client", clientId);
        return await ReadExchangeAsync(existing, cancellationToken) is { } first ? (first, false) : null;
    }

    private const string ListFirstSql = $"""
        SELECT {Columns} FROM chat.messages
        WHERE conversation_id = @conversation AND user_id = @user
        ORDER BY seq DESC LIMIT @take
        """;

    private const string ListAfterSql = $"""
        SELECT {Columns} FROM chat.messages
        WHERE conversation_id = @conversation AND user_id = @user
          AND seq < (SELECT seq FROM chat.messages WHERE id = @before AND conversation_id = @conversation)
        ORDER BY seq DESC LIMIT @take
        """;

    /// <summary>Newest first; null when the conversation is not the person's.</summary>
    public async Task<Page<Message>?> ListAsync(Guid userId, Guid conversationId, PageRequest<Guid> page, CancellationToken cancellationToken)
    {
        var items = await PageQuery.ReadAsync(db, page.Before is null ? ListFirstSql : ListAfterSql, parameters =>
        {
            parameters.AddWithValue("conversation", conversationId);
            parameters.AddWithValue("user", userId);
            if (page.Before is { } before)
            {
                parameters.AddWithValue("before", before);
            }

            parameters.AddWithValue("take", page.Limit + 1);
        }, Read, cancellationToken);

        if (items.Count == 0 && !await OwnsAsync(userId, conversationId, cancellationToken))
        {
            return null;
        }

        return Paging.Cut(items, page.Limit, m => m.Id.ToString());
    }

    private async Task<bool> OwnsAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM chat.conversations WHERE id = @id AND user_id = @user)");
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static async Task<MessageExchange?> ReadExchangeAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        Message? sent = null;
        Message? reply = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var message = Read(reader);
            if (message.Role == "user")
            {
                sent = message;
            }
            else
            {
                reply = message;
            }
        }

        return sent is not null && reply is not null ? new MessageExchange(sent, reply) : null;
    }

    private static Message Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetGuid(5),
        reader.GetFieldValue<DateTimeOffset>(6));
}
