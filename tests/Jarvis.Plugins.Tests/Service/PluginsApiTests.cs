using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Jarvis.Plugins.Grpc;
using Jarvis.ServiceDefaults.Authentication;

namespace Jarvis.Plugins.Tests.Service;

/// <summary>The REST (JSON transcoding) and gRPC APIs over real HTTP against the service process.</summary>
[Collection(ServiceProcessesCollection.Name)]
public sealed partial class PluginsApiTests(PluginsServiceFixture service) : IClassFixture<PluginsServiceFixture>
{
    [Fact]
    public async Task Health_and_alive_answer_without_a_token()
    {
        using var http = service.Http(null);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(InternalRoles.User, HttpStatusCode.Forbidden)]
    [InlineData(InternalRoles.Service, HttpStatusCode.Forbidden)]
    [InlineData(InternalRoles.Admin, HttpStatusCode.OK)]
    public async Task Rest_is_for_admins_only(string? role, HttpStatusCode expected)
    {
        using var http = service.Http(role);
        using var response = await http.GetAsync(new Uri("/api/plugins", UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal((int)expected, problem!["status"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task The_list_shows_every_plugin_with_status_error_and_statistics()
    {
        using var http = service.Http(InternalRoles.Admin);
        var list = (await http.GetFromJsonAsync<JsonObject>("/api/plugins"))!["plugins"]!.AsArray();

        var byId = list.ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!);
        Assert.Equal("loaded", byId["dice"]["status"]!.GetValue<string>());
        Assert.Equal("1.0.0", byId["dice"]["version"]!.GetValue<string>());
        Assert.NotNull(byId["dice"]["statistics"]);
        Assert.Equal("failed", byId["broken"]["status"]!.GetValue<string>());
        Assert.Contains("syntax error", byId["broken"]["error"]!.GetValue<string>(), StringComparison.Ordinal);

        var one = await http.GetFromJsonAsync<JsonObject>("/api/plugins/units");
        Assert.Equal("units", one!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_calls_a_hook_and_returns_its_result()
    {
        using var http = service.Http(InternalRoles.Admin);
        var response = await http.PostAsJsonAsync("/api/plugins/units/invoke", new { hook = "on_command", args = new { command = "convert", text = "10 km to mi" } });
        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!["result"]!;
        Assert.Equal(6.213712, result["value"]!.GetValue<double>(), 5);
        Assert.Equal("mi", result["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_disabled_plugin_stays_disabled_after_a_restart_and_an_enabled_one_comes_back_loaded()
    {
        Assert.Equal("disabled", await SwitchThenRestartAsync("units", "disable"));
        Assert.Equal("loaded", await SwitchThenRestartAsync("units", "enable"));
    }

    /// <summary>Enables or disables a plugin, restarts the service process, and answers the plugin's status after.</summary>
    private async Task<string> SwitchThenRestartAsync(string id, string action)
    {
        using (var http = service.Http(InternalRoles.Admin))
        {
            using var switched = await http.PostAsync(new Uri($"/api/plugins/{id}/{action}", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        }

        await service.App.RestartResourceAsync("plugins");
        await service.App.WaitForHealthyAsync("plugins", TimeSpan.FromSeconds(60));
        using var after = service.Http(InternalRoles.Admin);
        return (await after.GetFromJsonAsync<JsonObject>($"/api/plugins/{id}"))!["status"]!.GetValue<string>();
    }

    [Fact]
    public async Task Without_the_database_a_disable_answers_503_with_retry_after_and_the_plugin_keeps_serving()
    {
        await service.App.StopResourceAsync("postgres");
        try
        {
            using var http = service.Http(InternalRoles.Admin);
            using var refused = await http.PostAsync(new Uri("/api/plugins/dice/disable", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to try again (Retry-After)");
            Assert.Contains("dice", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("loaded", (await http.GetFromJsonAsync<JsonObject>("/api/plugins/dice"))!["status"]!.GetValue<string>());
        }
        finally
        {
            await service.App.StartResourceAsync("postgres");
            await service.App.WaitForHealthyAsync("postgres", TimeSpan.FromSeconds(60));
            await service.App.WaitForHealthyAsync("plugins", TimeSpan.FromSeconds(60));
        }
    }

    public static TheoryData<string, string, HttpStatusCode, string?> Failures => new()
    {
        { "looper", "on_message", HttpStatusCode.GatewayTimeout, "timeout" },
        { "hog", "on_message", HttpStatusCode.UnprocessableEntity, "memory_limit" },
        { "raiser", "on_message", HttpStatusCode.UnprocessableEntity, "runtime_error" },
        { "cyclic", "on_message", HttpStatusCode.UnprocessableEntity, "invalid_result" },
        { "broken", "on_message", HttpStatusCode.Conflict, "not_loaded" },
        { "notes", "on_message", HttpStatusCode.BadRequest, "no_such_hook" },
        { "nobody", "on_message", HttpStatusCode.NotFound, null },
        { "dice", "on_everything", HttpStatusCode.BadRequest, null },
        { "Bad-Id", "on_message", HttpStatusCode.BadRequest, null },
    };

    [Theory]
    [InlineData("\"lamp\\u0000\"", "args.text")]
    // A lone surrogate escape is refused by the transcoder's JSON reader itself, which names no field.
    [InlineData("\"lamp\\ud800\"", "not correctly formatted")]
    [InlineData("[\"ok\", \"lamp\\u0000\"]", "args.text[1]")]
    public async Task Arguments_the_database_could_not_store_are_a_400_naming_them_before_any_plugin_runs(string text, string named)
    {
        using var http = service.Http(InternalRoles.Admin);
        using var content = new StringContent($$$"""{"hook":"on_command","args":{"command":"roll","text":{{{text}}}}}""", System.Text.Encoding.UTF8, "application/json");
        var response = await http.PostAsync(new Uri("/api/plugins/dice/invoke", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["detail"]!.GetValue<string>().Contains(named, StringComparison.Ordinal), problem.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_call_is_a_problem_details_document_with_its_code(string id, string hook, HttpStatusCode status, string? code)
    {
        using var http = service.Http(InternalRoles.Admin);
        var response = await http.PostAsJsonAsync($"/api/plugins/{id}/invoke", new { hook, args = new { text = "x" } });

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((int)status, problem!["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.Equal(code, problem["code"]?.GetValue<string>());

        // the service still serves the other plugins
        var ok = await http.PostAsJsonAsync("/api/plugins/dice/invoke", new { hook = "on_command", args = new { command = "roll", text = "2d6" } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var http = service.Http(InternalRoles.Admin);
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        var response = await http.PostAsync(new Uri("/api/plugins/dice/invoke", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Disable_enable_and_reload_work_over_rest()
    {
        using var http = service.Http(InternalRoles.Admin);
        var disabled = await (await http.PostAsync(new Uri("/api/plugins/units/disable", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("disabled", disabled!["status"]!.GetValue<string>());
        var refused = await http.PostAsJsonAsync("/api/plugins/units/invoke", new { hook = "on_message", args = new { text = "convert 1 m to cm" } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var enabled = await (await http.PostAsync(new Uri("/api/plugins/units/enable", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("loaded", enabled!["status"]!.GetValue<string>());
        var reloaded = await (await http.PostAsync(new Uri("/api/plugins/units/reload", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("loaded", reloaded!["status"]!.GetValue<string>());
        var answer = await http.PostAsJsonAsync("/api/plugins/units/invoke", new { hook = "on_message", args = new { text = "convert 1 m to cm" } });
        Assert.Equal("1 m = 100 cm", (await answer.Content.ReadFromJsonAsync<JsonObject>())!["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task Notes_persist_in_postgresql_through_jarvis_kv()
    {
        using var http = service.Http(InternalRoles.Admin);
        await http.PostAsJsonAsync("/api/plugins/notes/invoke", new { hook = "on_command", args = new { command = "note", text = "clear" } });
        await http.PostAsJsonAsync("/api/plugins/notes/invoke", new { hook = "on_command", args = new { command = "note", text = "add buy milk" } });
        var added = await http.PostAsJsonAsync("/api/plugins/notes/invoke", new { hook = "on_command", args = new { command = "note", text = "add call mum" } });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        // a reload drops the Lua state; the notes are in the database
        await http.PostAsync(new Uri("/api/plugins/notes/reload", UriKind.Relative), null);
        var list = await http.PostAsJsonAsync("/api/plugins/notes/invoke", new { hook = "on_command", args = new { command = "note", text = "list" } });
        var notes = (await list.Content.ReadFromJsonAsync<JsonObject>())!["result"]!["notes"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["buy milk", "call mum"], notes);
    }

    [Fact]
    public async Task Grpc_with_a_service_token_invokes_and_dispatches()
    {
        using var channel = service.Grpc(InternalRoles.Service);
        var client = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel);

        var reply = await client.InvokeAsync(new InvokeRequest { Id = "dice", Hook = "on_command", Args = Struct.Parser.ParseJson("""{"command":"roll","text":"3d2+2"}""") });
        Assert.InRange(reply.Result.StructValue.Fields["total"].NumberValue, 5, 8);

        var dispatch = await client.DispatchAsync(new DispatchRequest { Hook = "on_message", Args = Struct.Parser.ParseJson("""{"text":"convert 2 kg to g"}""") });
        Assert.Equal("units", dispatch.Winner);
        Assert.Equal("2 kg = 2000 g", dispatch.Results.Single(r => r.PluginId == "units").Result.StringValue);

        var timeout = await Assert.ThrowsAsync<RpcException>(async () => await client.InvokeAsync(new InvokeRequest { Id = "looper", Hook = "on_message" }));
        Assert.Equal(StatusCode.DeadlineExceeded, timeout.StatusCode);
        Assert.Equal("timeout", timeout.Trailers.GetValue("jarvis-error-code"));
    }

    [Fact]
    public async Task Grpc_refuses_a_user_token()
    {
        using var channel = service.Grpc(InternalRoles.User);
        var client = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel);
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await client.ListPluginsAsync(new ListPluginsRequest()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Metrics_carry_per_plugin_counters_and_lua_memory()
    {
        using var admin = service.Http(InternalRoles.Admin);
        await admin.PostAsJsonAsync("/api/plugins/dice/invoke", new { hook = "on_command", args = new { command = "roll", text = "1d6" } });
        await admin.PostAsJsonAsync("/api/plugins/looper/invoke", new { hook = "on_message", args = new { } });

        using var http = service.Http(null);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string text;
        do
        {
            text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (text.Contains("jarvis_plugins_timeouts", StringComparison.Ordinal) && text.Contains("jarvis_plugins_lua_memory", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Contains("jarvis_plugins_calls", text, StringComparison.Ordinal);
        Assert.Contains("plugin=\"dice\"", text, StringComparison.Ordinal);
        Assert.Contains("jarvis_plugins_timeouts", text, StringComparison.Ordinal);
        Assert.Contains("jarvis_plugins_lua_memory", text, StringComparison.Ordinal);
        Assert.Contains("jarvis_plugins_call_duration", text, StringComparison.Ordinal);
    }
}
