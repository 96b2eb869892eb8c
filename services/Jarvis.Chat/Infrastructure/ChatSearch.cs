using Jarvis.Chat.Model;
using Npgsql;

namespace Jarvis.Chat.Infrastructure;

/// <summary>
/// Full-text search over a person's titles and messages with PostgreSQL's 'english' configuration
/// (stemming: "lights" finds "light"), <c>websearch_to_tsquery</c> syntax and a <c>ts_headline</c> snippet:
/// plain text, never HTML, with each match between « and ».
/// </summary>
public sealed class ChatSearch(NpgsqlDataSource db)
{
    // Rank first, then take the page, and only then build headlines: ts_headline reads the whole text.
    private const string Sql = """
        WITH query AS (SELECT websearch_to_tsquery('english', @q) AS q),
        hits AS (
            SELECT 'conversation' AS kind, c.id AS conversation_id, NULL::uuid AS message_id, c.title,
                   c.title AS body, c.created_at, ts_rank(c.search, query.q) AS rank
            FROM chat.conversations c, query
            WHERE c.user_id = @user AND c.search @@ query.q
            UNION ALL
            SELECT 'message', m.conversation_id, m.id, c.title, m.content, m.created_at, ts_rank(m.search, query.q)
            FROM chat.messages m JOIN chat.conversations c ON c.id = m.conversation_id, query
            WHERE m.user_id = @user AND m.search @@ query.q
            ORDER BY rank DESC, created_at DESC
            LIMIT @take
        )
        SELECT kind, conversation_id, message_id, title,
               ts_headline('english', body, query.q, 'StartSel=«, StopSel=», MaxWords=30, MinWords=10, MaxFragments=2'),
               created_at
        FROM hits, query
        ORDER BY rank DESC, created_at DESC
        """;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid userId, string query, int limit, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(Sql);
        command.Parameters.AddWithValue("q", query);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("take", limit);
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(
                reader.GetString(0),
                reader.GetGuid(1),
                reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return hits;
    }
}
