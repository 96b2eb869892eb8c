using Jarvis.Chat.Model;
using Npgsql;

namespace Jarvis.Chat.Infrastructure;

/// <summary>Conversations, always scoped to their owner: another person's id reads as absent.</summary>
public sealed class ConversationStore(NpgsqlDataSource db, AuditLog audit)
{
    internal const string Columns = "id, title, pinned, archived, created_at, updated_at";

    private const string ListFirstSql = $"SELECT {Columns} FROM chat.conversations WHERE user_id = @user ORDER BY seq DESC LIMIT @take";

    private const string ListAfterSql = $"""
        SELECT {Columns} FROM chat.conversations
        WHERE user_id = @user AND seq < (SELECT seq FROM chat.conversations WHERE id = @before AND user_id = @user)
        ORDER BY seq DESC LIMIT @take
        """;

    /// <summary>Newest first (by creation, so pages never shift as conversations get new messages).</summary>
    public async Task<Page<Conversation>> ListAsync(Guid userId, PageRequest<Guid> page, CancellationToken cancellationToken)
    {
        var items = await PageQuery.ReadAsync(db, page.Before is null ? ListFirstSql : ListAfterSql, parameters =>
        {
            parameters.AddWithValue("user", userId);
            if (page.Before is { } before)
            {
                parameters.AddWithValue("before", before);
            }

            parameters.AddWithValue("take", page.Limit + 1);
        }, Read, cancellationToken);
        return Paging.Cut(items, page.Limit, c => c.Id.ToString());
    }

    /// <summary>Null when the owner no longer exists.</summary>
    public async Task<Conversation?> CreateAsync(Guid userId, string? title, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            INSERT INTO chat.conversations (id, user_id, title)
            SELECT @id, @user, @title WHERE EXISTS (SELECT 1 FROM chat.users WHERE id = @user)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.Add(new NpgsqlParameter<string?>("title", title) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<Conversation?> GetAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM chat.conversations WHERE id = @id AND user_id = @user");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<Conversation?> UpdateAsync(Guid userId, Guid id, UpdateConversationRequest change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var command = db.CreateCommand($"""
            UPDATE chat.conversations
            SET title = COALESCE(@title, title),
                pinned = COALESCE(@pinned, pinned),
                archived = COALESCE(@archived, archived),
                updated_at = now()
            WHERE id = @id AND user_id = @user
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.Add(new NpgsqlParameter<string?>("title", change.Title) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool?>("pinned", change.Pinned) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        command.Parameters.Add(new NpgsqlParameter<bool?>("archived", change.Archived) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Deletes the conversation and its messages, and records it in the audit log in the same transaction.</summary>
    public async Task<bool> DeleteAsync(Guid userId, Guid id, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "DELETE FROM chat.conversations WHERE id = @id AND user_id = @user RETURNING title", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        var deleted = await command.ExecuteReaderAsync(cancellationToken);
        string? title;
        await using (deleted)
        {
            if (!await deleted.ReadAsync(cancellationToken))
            {
                return false;
            }

            title = deleted.IsDBNull(0) ? null : deleted.GetString(0);
        }

        await audit.WriteAsync(connection, transaction, actor, AuditActions.ConversationDeleted, "conversation", id.ToString(), new { title }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    internal static Conversation Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        reader.GetBoolean(2),
        reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}
