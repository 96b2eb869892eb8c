using System.Text.Json.Nodes;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Infrastructure.Migrations;
using Jarvis.Plugins.Model;
using Jarvis.Plugins.Tests.Infrastructure.Hosting;
using Jarvis.Plugins.Tests.Infrastructure.Lua;
using Jarvis.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Plugins.Tests.Plugins;

/// <summary>The plugins in the repository's plugins/ folder, loaded from there as the service does.</summary>
public sealed class ShippedPluginsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly PluginFolders _folders = new();

    [Fact]
    public async Task Every_shipped_plugin_loads()
    {
        using var host = _folders.CreateHost(Path.Combine(PluginFolders.RepositoryRoot, "plugins"));
        await host.LoadAllAsync();
        var list = host.List();
        Assert.True(list.Count >= 3);
        Assert.All(list, p => Assert.True(p.Status == PluginStatus.Loaded, $"{p.Id}: {p.Error}"));
    }

    [Theory]
    [InlineData("2d6", 2, 12)]
    [InlineData("d20+3", 4, 23)]
    [InlineData("3d4-1", 2, 11)]
    public async Task Dice_rolls_within_the_range_of_the_notation(string spec, int min, int max)
    {
        using var host = _folders.CreateHost(Path.Combine(PluginFolders.RepositoryRoot, "plugins"));
        await host.LoadAllAsync();
        for (var i = 0; i < 20; i++)
        {
            var result = await host.InvokeAsync("dice", PluginHooks.OnCommand, new JsonObject { ["command"] = "roll", ["text"] = spec });
            Assert.True(result!.Ok, result.Message);
            Assert.InRange(result.Value!["total"]!.GetValue<long>(), min, max);
        }

        var message = await host.InvokeAsync("dice", PluginHooks.OnMessage, new JsonObject { ["text"] = "roll 1d1" });
        Assert.True(message!.Ok, message.Message);
        Assert.Null(message.Value);
        var bad = await host.InvokeAsync("dice", PluginHooks.OnCommand, new JsonObject { ["command"] = "roll", ["text"] = "1000d6" });
        Assert.Contains("at most 100 dice", bad!.Value!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("convert 10 km to mi", "10 km = 6.213712 mi")]
    [InlineData("convert 1 m to cm", "1 m = 100 cm")]
    [InlineData("convert 100 c to f", "100 c = 212 f")]
    [InlineData("convert 1 lb to g", "1 lb = 453.59237 g")]
    [InlineData("hello there", null)]
    [InlineData("convert 1 kg to m", null)]
    public async Task Units_converts_in_messages(string text, string? expected)
    {
        using var host = _folders.CreateHost(Path.Combine(PluginFolders.RepositoryRoot, "plugins"));
        await host.LoadAllAsync();
        var result = await host.InvokeAsync("units", PluginHooks.OnMessage, new JsonObject { ["text"] = text });
        Assert.True(result!.Ok, result.Message);
        Assert.Equal(expected, result.Value?.GetValue<string>());
    }

    [Fact]
    public async Task Notes_are_kept_in_postgresql_with_a_quota()
    {
        var connectionString = await postgres.CreateDatabaseAsync("plugins_notes");
        await PluginsSchema.Definition.Migrator(connectionString).MigrateUpAsync();
        await using var db = NpgsqlDataSource.Create(connectionString);
        var kv = new PluginKvStore(db, Options.Create(new PluginsOptions { KvMaxKeys = 1, KvMaxBytes = 200 }));
        using var host = _folders.CreateHost(Path.Combine(PluginFolders.RepositoryRoot, "plugins"), kv);
        await host.LoadAllAsync();

        async Task<JsonNode> Note(string text)
        {
            var r = await host.InvokeAsync("notes", PluginHooks.OnCommand, new JsonObject { ["command"] = "note", ["text"] = text });
            Assert.True(r!.Ok, r.Message);
            return r.Value!;
        }

        await Note("add buy milk");
        await Note("add call mum");
        Sandboxes.AssertJson("""{"notes":["buy milk","call mum"]}""", await Note("list"));
        Sandboxes.AssertJson("""{"removed":1,"notes":["call mum"]}""", await Note("remove 1"));

        // the quota (200 bytes) refuses a note list that grows too large, with the reason
        var big = await host.InvokeAsync("notes", PluginHooks.OnCommand, new JsonObject { ["command"] = "note", ["text"] = "add " + new string('x', 300) });
        Assert.Equal(PluginErrorCode.RuntimeError, big!.Error);
        Assert.Contains("quota exceeded", big.Message, StringComparison.Ordinal);

        await using var count = db.CreateCommand("SELECT value FROM plugins.kv WHERE plugin_id = 'notes' AND key = 'notes'");
        Assert.Equal("""["call mum"]""", await count.ExecuteScalarAsync());

        await PluginsSchema.Definition.Migrator(connectionString).MigrateDownAsync(0);
        await using var gone = db.CreateCommand("SELECT to_regclass('plugins.kv') IS NULL");
        Assert.Equal(true, await gone.ExecuteScalarAsync());
    }

    public void Dispose() => _folders.Dispose();
}
