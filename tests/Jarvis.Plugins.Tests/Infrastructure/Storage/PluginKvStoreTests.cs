using Jarvis.Plugins.Infrastructure.Migrations;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Model;
using Jarvis.Plugins.Tests.Infrastructure.Lua;
using Jarvis.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Plugins.Tests.Infrastructure.Storage;

public sealed class PluginKvStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Each_plugin_sees_only_its_own_keys_and_its_own_quota()
    {
        var connectionString = await postgres.CreateDatabaseAsync("plugins_kv");
        var migrations = PluginsSchema.Definition.Migrator(connectionString);
        await migrations.MigrateUpAsync();
        await migrations.MigrateUpAsync(); // idempotent under the lock
        await using var db = NpgsqlDataSource.Create(connectionString);
        var kv = new PluginKvStore(db, Options.Create(new PluginsOptions { KvMaxKeys = 2, KvMaxBytes = 10_000 }));
        var grant = new[] { PluginPermissions.Kv };

        using var alice = Sandboxes.WithHook("""
            if args.op == "fill" then
              jarvis.kv.set("one", { n = 1 })
              jarvis.kv.set("two", "second")
              jarvis.kv.set("two", "overwritten keeps the count")
              local ok, err = pcall(jarvis.kv.set, "three", 3)
              return { err = err }
            end
            return { one = jarvis.kv.get("one"), two = jarvis.kv.get("two"), deleted = jarvis.kv.delete("one"), again = jarvis.kv.delete("one") }
            """, Sandboxes.Manifest("alice", permissions: grant), kv: kv);
        using var bob = Sandboxes.WithHook("""return { one = tostring(jarvis.kv.get("one")), set = (pcall(jarvis.kv.set, "one", "bob's")) }""",
            Sandboxes.Manifest("bob", permissions: grant), kv: kv);

        var fill = alice.Call(PluginHooks.OnMessage, System.Text.Json.Nodes.JsonNode.Parse("""{"op":"fill"}"""), Budget);
        Assert.True(fill.Ok, fill.Message);
        Assert.Contains("quota exceeded: at most 2 keys per plugin", fill.Value!["err"]!.GetValue<string>(), StringComparison.Ordinal);

        Sandboxes.AssertJson("""{"one":"nil","set":true}""", bob.Call(PluginHooks.OnMessage, null, Budget).Value);
        Sandboxes.AssertJson("""{"one":{"n":1},"two":"overwritten keeps the count","deleted":true,"again":false}""", alice.Call(PluginHooks.OnMessage, null, Budget).Value);
        Assert.Equal("bob's", kv.Get("bob", "one")!.GetValue<string>());
    }
}
