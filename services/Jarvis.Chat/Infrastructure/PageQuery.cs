using Npgsql;

namespace Jarvis.Chat.Infrastructure;

/// <summary>
/// Runs a list query as a prepared statement. Each list has two statements, the first page and the
/// pages after a cursor, rather than one with <c>@before IS NULL OR …</c>: each keeps a good generic
/// plan, so both can be planned once per pooled connection instead of on every call (planning was
/// most of PostgreSQL's cost of a list).
/// </summary>
internal static class PageQuery
{
    public static async Task<List<T>> ReadAsync<T>(
        NpgsqlDataSource db, string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        await command.PrepareAsync(cancellationToken);
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        return items;
    }
}
