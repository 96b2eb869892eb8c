using Jarvis.Chat.Model;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Chat.Infrastructure;

/// <summary>Export of a person's conversation, and import of an export as a new conversation of theirs, once.</summary>
public sealed class ConversationTransfer(NpgsqlDataSource db)
{
    /// <summary>The conversation with all its messages, oldest first; null when it is not the person's.</summary>
    public async Task<ConversationExport?> ExportAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        // One snapshot for the conversation and its messages.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        Conversation conversation;
        await using (var read = new NpgsqlCommand($"SELECT {ConversationStore.Columns} FROM chat.conversations WHERE id = @id AND user_id = @user", connection, transaction))
        {
            read.Parameters.AddWithValue("id", id);
            read.Parameters.AddWithValue("user", userId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            conversation = ConversationStore.Read(reader);
        }

        var messages = new List<ExportedMessage>();
        await using (var list = new NpgsqlCommand(
            "SELECT role, content, client_id, created_at FROM chat.messages WHERE conversation_id = @id ORDER BY seq", connection, transaction))
        {
            list.Parameters.AddWithValue("id", id);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add(new ExportedMessage(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ConversationExport(ConversationExport.FormatName, ConversationExport.CurrentVersion, conversation.Id, conversation.Title,
            conversation.Pinned, conversation.Archived, conversation.CreatedAt, messages);
    }

    /// <summary>
    /// A new conversation of the person's holding the export's messages, in one transaction; <c>Created</c> false when
    /// this export was imported before (the conversation made then). Null when the person no longer exists.
    /// </summary>
    public async Task<(Conversation Conversation, bool Created)?> ImportAsync(Guid userId, ConversationImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Conversation? conversation;
        // A concurrent import of the same export waits here on the unique index until the first commits, then finds it.
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO chat.conversations (id, user_id, title, pinned, archived, created_at, imported_from)
            SELECT @id, @user, @title, @pinned, @archived, @created, @source WHERE EXISTS (SELECT 1 FROM chat.users WHERE id = @user)
            ON CONFLICT (user_id, imported_from) WHERE imported_from IS NOT NULL DO NOTHING
            RETURNING {ConversationStore.Columns}
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
            insert.Parameters.AddWithValue("user", userId);
            insert.Parameters.Add(new NpgsqlParameter<string?>("title", import.Title) { NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.AddWithValue("pinned", import.Pinned);
            insert.Parameters.AddWithValue("archived", import.Archived);
            insert.Parameters.AddWithValue("created", import.CreatedAt);
            insert.Parameters.AddWithValue("source", import.Source);
            conversation = await ReadOneAsync(insert, cancellationToken);
        }

        if (conversation is null)
        {
            await using var existing = new NpgsqlCommand(
                $"SELECT {ConversationStore.Columns} FROM chat.conversations WHERE user_id = @user AND imported_from = @source", connection, transaction);
            existing.Parameters.AddWithValue("user", userId);
            existing.Parameters.AddWithValue("source", import.Source);
            var found = await ReadOneAsync(existing, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return found is null ? null : (found, false);
        }

        var count = import.Messages.Count;
        await using (var messages = new NpgsqlCommand("""
            INSERT INTO chat.messages (id, conversation_id, user_id, role, content, client_id, created_at)
            SELECT m.id, @conversation, @user, m.role, m.content, m.client_id, m.created_at
            FROM unnest(@ids, @roles, @contents, @clients, @times) WITH ORDINALITY AS m(id, role, content, client_id, created_at, n)
            ORDER BY m.n
            """, connection, transaction))
        {
            messages.Parameters.AddWithValue("conversation", conversation.Id);
            messages.Parameters.AddWithValue("user", userId);
            messages.Parameters.AddWithValue("ids", Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray());
            messages.Parameters.AddWithValue("roles", import.Messages.Select(m => m.Role).ToArray());
            messages.Parameters.AddWithValue("contents", import.Messages.Select(m => m.Content).ToArray());
            messages.Parameters.Add(new NpgsqlParameter<string?[]>("clients", import.Messages.Select(m => m.ClientId).ToArray())
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            });
            messages.Parameters.AddWithValue("times", import.Messages.Select(m => m.CreatedAt).ToArray());
            await messages.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (conversation, true);
    }

    private static async Task<Conversation?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ConversationStore.Read(reader) : null;
    }
}
