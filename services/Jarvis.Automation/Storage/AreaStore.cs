using Jarvis.Automation.Model;
using Npgsql;

namespace Jarvis.Automation.Storage;

/// <summary>Areas (rooms): names unique without regard to case; deleting one leaves its devices and entities without an area.</summary>
public sealed class AreaStore(NpgsqlDataSource database)
{
    private const string Columns = "id, name, created_at, updated_at";

    public async Task<Page<Area>> ListAsync(PageRequest<Guid> page, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM automation.areas
            WHERE (@before::uuid IS NULL OR seq < (SELECT seq FROM automation.areas WHERE id = @before))
            ORDER BY seq DESC LIMIT @take
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("before", page.Before) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue("take", page.Limit + 1);
        return Paging.Cut(await ReadAsync(command, cancellationToken), page.Limit, a => a.Id.ToString());
    }

    public async Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM automation.areas WHERE id = @id)");
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Null when the name is taken.</summary>
    public async Task<Area?> CreateAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO automation.areas (id, name) VALUES (@id, @name)
            ON CONFLICT ((lower(name))) DO NOTHING
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("name", name);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The renamed area; null when there is none; throws <see cref="PostgresException"/> (unique violation) when the name is taken.</summary>
    public async Task<Area?> RenameAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"UPDATE automation.areas SET name = @name, updated_at = now() WHERE id = @id RETURNING {Columns}");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", name);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM automation.areas WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task<List<Area>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var areas = new List<Area>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            areas.Add(new Area(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return areas;
    }
}
