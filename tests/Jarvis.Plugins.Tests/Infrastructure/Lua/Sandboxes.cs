using System.Text;
using Jarvis.Plugins.Infrastructure.Hosting;
using Jarvis.Plugins.Infrastructure.Lua;
using Jarvis.Plugins.Infrastructure.Messaging;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Model;
using Jarvis.Plugins.Tests.Infrastructure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Plugins.Tests.Infrastructure.Lua;

/// <summary>Builds loaded sandboxes from Lua source for the tests.</summary>
internal static class Sandboxes
{
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);

    // Never opened unless a test grants jarvis.kv; those tests pass a real database.
    private static readonly NpgsqlDataSource Unused = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none");

    public static PluginManifest Manifest(string id = "test_plugin", string[]? hooks = null, string[]? permissions = null, string[]? topics = null) =>
        new(id, "1.0.0", id, "test", hooks ?? [PluginHooks.OnMessage], permissions ?? [PluginPermissions.Log, PluginPermissions.Json], 0, null, null, topics ?? []);

    public static LuaSandbox Create(string source, PluginManifest? manifest = null, long memoryBytes = 16 * 1024 * 1024,
        IPluginKvStore? kv = null, TimeSpan? budget = null, IMqttPublisher? mqtt = null)
    {
        manifest ??= Manifest();
        var api = new PluginHostApi(manifest.Id, NullLogger.Instance,
            kv ?? new PluginKvStore(Unused, Options.Create(new PluginsOptions())), mqtt ?? new RecordingMqttPublisher());
        var sandbox = new LuaSandbox(manifest, memoryBytes, api);
        var loaded = sandbox.Load(Encoding.UTF8.GetBytes(source), manifest.Id + "/main.lua", budget ?? Budget);
        if (!loaded.Ok)
        {
            sandbox.Dispose();
            throw new InvalidOperationException($"load failed: {loaded.Error} {loaded.Message}");
        }

        return sandbox;
    }

    public static void AssertJson(string expected, System.Text.Json.Nodes.JsonNode? actual) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");

    /// <summary>A plugin whose on_message runs <paramref name="body"/> with the arguments in <c>args</c>.</summary>
    public static LuaSandbox WithHook(string body, PluginManifest? manifest = null, long memoryBytes = 16 * 1024 * 1024, IPluginKvStore? kv = null,
        IMqttPublisher? mqtt = null) =>
        Create($"return {{ on_message = function(args)\n{body}\nend }}", manifest, memoryBytes, kv, mqtt: mqtt);
}
