using Jarvis.ServiceDefaults.Migrations;
using Npgsql;

namespace Jarvis.ServiceDefaults.Tests.Migrations;

/// <summary>A schema of this test assembly's two migrations, as a service would declare its own.</summary>
public static class LightingSchema
{
    public static ServiceSchema Definition { get; } = new("lighting", 0x4A52564C49474854, typeof(LightingSchema).Assembly);

    public static async Task<string[]> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'lighting' ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return [.. tables];
    }
}
