using Npgsql;

namespace Jarvis.Chat.Infrastructure;

/// <summary>
/// Notifications from other Jarvis services (the monitor's alerts) as Jarvis's messages in each enabled admin's
/// "Jarvis alerts" conversation, created on first use. The key makes a repeated notification (a retried
/// delivery) land once: it is the messages' client id.
/// </summary>
public sealed class NotificationStore(NpgsqlDataSource db)
{
    public const string ConversationTitle = "Jarvis alerts";

    /// <summary>One statement per admin: find or create the conversation (serialised per admin), insert unless the key is stored. Returns how many admins got it.</summary>
    public async Task<int> NotifyAdminsAsync(string text, string key, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var admins = new List<Guid>();
        await using (var list = new NpgsqlCommand("SELECT id FROM chat.users WHERE role = 'admin' AND NOT disabled ORDER BY seq", connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                admins.Add(reader.GetGuid(0));
            }
        }

        var delivered = 0;
        foreach (var admin in admins)
        {
            await using var notify = new NpgsqlCommand("""
                SELECT pg_advisory_xact_lock(hashtextextended(@user::text, 7));
                INSERT INTO chat.conversations (id, user_id, title)
                SELECT @conversation, @user, @title
                WHERE NOT EXISTS (SELECT 1 FROM chat.conversations WHERE user_id = @user AND title = @title AND NOT archived);
                WITH target AS (
                    SELECT id FROM chat.conversations WHERE user_id = @user AND title = @title AND NOT archived ORDER BY seq LIMIT 1
                ), sent AS (
                    INSERT INTO chat.messages (id, conversation_id, user_id, role, content, client_id)
                    SELECT @message, id, @user, 'assistant', @content, @key FROM target
                    ON CONFLICT (conversation_id, client_id) WHERE client_id IS NOT NULL DO NOTHING
                    RETURNING conversation_id
                )
                UPDATE chat.conversations SET updated_at = now() WHERE id IN (SELECT conversation_id FROM sent);
                """, connection, transaction);
            notify.Parameters.AddWithValue("user", admin);
            notify.Parameters.AddWithValue("conversation", Guid.CreateVersion7());
            notify.Parameters.AddWithValue("message", Guid.CreateVersion7());
            notify.Parameters.AddWithValue("title", ConversationTitle);
            notify.Parameters.AddWithValue("content", text);
            notify.Parameters.AddWithValue("key", key);
            await notify.ExecuteNonQueryAsync(cancellationToken);
            delivered++;
        }

        await transaction.CommitAsync(cancellationToken);
        return delivered;
    }
}
