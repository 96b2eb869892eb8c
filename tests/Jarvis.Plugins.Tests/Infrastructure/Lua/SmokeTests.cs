using System.Text.Json.Nodes;
using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Tests.Infrastructure.Lua;

public sealed class SmokeTests
{
    [Fact]
    public void A_hook_receives_json_arguments_and_returns_a_table()
    {
        using var sandbox = Sandboxes.WithHook("return { echo = args.text, n = #args.list, sorted = (function() local t = {3,1,2}; table.sort(t); return t end)() }");
        var result = sandbox.Call(PluginHooks.OnMessage, JsonNode.Parse("""{"text":"hi","list":[1,2,3]}"""), Sandboxes.Budget);
        Assert.True(result.Ok, result.Message);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"echo":"hi","n":3,"sorted":[1,2,3]}"""), result.Value), result.Value!.ToJsonString());
    }

    [Fact]
    public void A_hook_called_without_arguments_gets_an_empty_table()
    {
        using var sandbox = Sandboxes.WithHook("return { kind = type(args), n = next(args) == nil }");
        Sandboxes.AssertJson("""{"kind":"table","n":true}""", sandbox.Call(PluginHooks.OnMessage, null, Sandboxes.Budget).Value);
    }

    [Fact]
    public void An_infinite_loop_times_out()
    {
        using var sandbox = Sandboxes.WithHook("while true do end");
        var result = sandbox.Call(PluginHooks.OnMessage, null, TimeSpan.FromMilliseconds(50));
        Assert.Equal(PluginErrorCode.Timeout, result.Error);
    }
}
