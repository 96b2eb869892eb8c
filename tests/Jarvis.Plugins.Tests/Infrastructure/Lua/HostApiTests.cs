using System.Text.Json.Nodes;
using Jarvis.Plugins.Model;
using Jarvis.Plugins.Tests.Infrastructure.Messaging;

namespace Jarvis.Plugins.Tests.Infrastructure.Lua;

/// <summary>The jarvis.* host API: present only when granted, and its errors raised in Lua.</summary>
public sealed class HostApiTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Only_granted_apis_exist()
    {
        using var none = Sandboxes.WithHook("return { log = type(jarvis.log), json = type(jarvis.json), kv = type(jarvis.kv), mqtt = type(jarvis.mqtt) }",
            Sandboxes.Manifest(permissions: []));
        Sandboxes.AssertJson("""{"log":"nil","json":"nil","kv":"nil","mqtt":"nil"}""", none.Call(PluginHooks.OnMessage, null, Budget).Value);

        using var all = Sandboxes.WithHook("return { log = type(jarvis.log), json = type(jarvis.json), kv = type(jarvis.kv), mqtt = type(jarvis.mqtt) }",
            Sandboxes.Manifest(permissions: [.. PluginPermissions.Known], topics: ["jarvis/plugins/test/#"]));
        Sandboxes.AssertJson("""{"log":"function","json":"table","kv":"table","mqtt":"table"}""", all.Call(PluginHooks.OnMessage, null, Budget).Value);
    }

    [Fact]
    public void Json_encodes_and_decodes_with_the_result_rules()
    {
        using var sandbox = Sandboxes.WithHook("""
            local text = jarvis.json.encode({ a = { 1, 2, 3 }, b = "x" })
            local back = jarvis.json.decode('{"n": 1.5, "list": [true, false], "s": "é"}')
            local ok, err = pcall(jarvis.json.encode, { f = function() end })
            local ok2, err2 = pcall(jarvis.json.decode, "{ nope")
            return { roundtrip = jarvis.json.decode(text), back = back, err = err, err2 = err2, ok = ok or ok2 }
            """);
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.True(result.Ok, result.Message);
        Sandboxes.AssertJson("""{"a":[1,2,3],"b":"x"}""", result.Value!["roundtrip"]);
        Sandboxes.AssertJson("""{"n":1.5,"list":[true,false],"s":"é"}""", result.Value!["back"]);
        Assert.Contains("jarvis.json.encode: a function cannot be converted to JSON", result.Value!["err"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("jarvis.json.decode: invalid JSON", result.Value!["err2"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(result.Value!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public void Mqtt_publish_is_granted_per_topic_and_answers_the_message_id()
    {
        var automation = new RecordingMqttPublisher();
        using var sandbox = Sandboxes.WithHook("""
            local id = jarvis.mqtt.publish("jarvis/plugins/test/state", { on = true })
            jarvis.mqtt.publish("jarvis/plugins/test/raw", "ON")
            local ok, refused = pcall(jarvis.mqtt.publish, "zigbee2mqtt/lamp/set", "ON")
            return { id = id, refused = refused, ok = ok }
            """, Sandboxes.Manifest(permissions: [PluginPermissions.MqttPublish], topics: ["jarvis/plugins/test/#"]), mqtt: automation);
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.True(result.Ok, result.Message);
        Assert.True(Guid.TryParse(result.Value!["id"]!.GetValue<string>(), out _));
        Assert.Contains("not among the manifest's mqttTopics", result.Value!["refused"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(result.Value!["ok"]!.GetValue<bool>());
        // A table goes out as JSON, a string as it is; the refused topic never reaches the automation service.
        Assert.Equal([("test_plugin", "jarvis/plugins/test/state", """{"on":true}"""), ("test_plugin", "jarvis/plugins/test/raw", "ON")], automation.Published.ToArray());
    }

    [Fact]
    public void Host_errors_are_lua_errors_with_the_callers_line()
    {
        using var sandbox = Sandboxes.WithHook("jarvis.log(42)", Sandboxes.Manifest(permissions: [PluginPermissions.Log]));
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.Equal(PluginErrorCode.RuntimeError, result.Error);
        Assert.Equal("test_plugin/main.lua:2: jarvis.log: the message must be a string", result.Message);
        Assert.False(sandbox.Poisoned);

        using var level = Sandboxes.WithHook("jarvis.log('hello', 'loud')", Sandboxes.Manifest(permissions: [PluginPermissions.Log]));
        Assert.Contains("the level must be debug, info, warn or error", level.Call(PluginHooks.OnMessage, null, Budget).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kv_key_with_NUL_is_refused_before_the_database_sees_it()
    {
        // The default store's data source cannot connect: reaching it would be "internal error in the host".
        using var sandbox = Sandboxes.WithHook("""
            local ok1, e1 = pcall(jarvis.kv.set, "lamp\0state", "on")
            local ok2, e2 = pcall(jarvis.kv.get, "\0")
            local ok3, e3 = pcall(jarvis.kv.delete, "a\0")
            return { set = e1, get = e2, delete = e3, any = ok1 or ok2 or ok3 }
            """, Sandboxes.Manifest(permissions: [PluginPermissions.Kv]));
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.True(result.Ok, result.Message);
        foreach (var call in new[] { "set", "get", "delete" })
        {
            Assert.Contains("the key must not contain the NUL character", result.Value![call]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.False(result.Value!["any"]!.GetValue<bool>());
    }

    [Fact]
    public void Arguments_arrive_as_plain_tables()
    {
        using var sandbox = Sandboxes.WithHook("return { mt = tostring(getmetatable(args)), n = args.nested.list[2], big = args.big, f = args.f, missing = tostring(args.gone) }");
        var result = sandbox.Call(PluginHooks.OnMessage, JsonNode.Parse("""{"nested":{"list":[10,20]},"big":9007199254740993,"f":0.5,"gone":null}"""), Budget);
        Sandboxes.AssertJson("""{"mt":"nil","n":20,"big":9007199254740993,"f":0.5,"missing":"nil"}""", result.Value);
    }
}
