using Jarvis.Plugins.Infrastructure.Migrations;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Plugins.Tests.Infrastructure.Storage;

public sealed class PluginStateStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_choice_is_saved_overwritten_and_read_back_by_id()
    {
        var connectionString = await postgres.CreateDatabaseAsync("plugins_states");
        await PluginsSchema.Definition.Migrator(connectionString).MigrateUpAsync();
        await using var db = NpgsqlDataSource.Create(connectionString);
        var states = new PluginStateStore(db);
        Assert.Empty(await states.LoadAsync(CancellationToken.None));

        await states.SaveAsync("dice", false, CancellationToken.None);
        await states.SaveAsync("units", true, CancellationToken.None);
        await states.SaveAsync("dice", true, CancellationToken.None);
        await states.SaveAsync("notes", false, CancellationToken.None);

        var loaded = await new PluginStateStore(db).LoadAsync(CancellationToken.None);
        Assert.Equal(new Dictionary<string, bool> { ["dice"] = true, ["units"] = true, ["notes"] = false }, loaded);
    }
}
