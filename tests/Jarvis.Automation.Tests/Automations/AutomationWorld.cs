using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Automation.Tests.DevicesApi;
using Jarvis.Automation.Tests.Processes;
using Jarvis.Testing;

namespace Jarvis.Automation.Tests.Automations;

/// <summary>
/// One running service shared by the behaviour tests (started by the first of them): a lamp and a fan (switches), a
/// json light, a temperature sensor with attributes, a door and a blind; a subscriber on everything the tests
/// publish and the service sends. Each test names its automations and output topics after itself and deletes its
/// automations when done, so that the tests share the devices without seeing each other's runs.
/// </summary>
public sealed class AutomationWorld : IAsyncLifetime
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private DeviceHarness? _harness;
    private TimedSubscriber? _subscriber;

    internal DeviceHarness Harness => _harness ?? throw new InvalidOperationException("The world is not started.");

    internal TimedSubscriber Subscriber => _subscriber ?? throw new InvalidOperationException("The world is not started.");

    public async Task StartAsync(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
    {
        await _starting.WaitAsync();
        try
        {
            if (_harness is not null)
            {
                return;
            }

            _subscriber = await TimedSubscriber.ConnectAsync(mqtt, "bh/#", "jarvis/notify/#");
            var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "auto_world");
            _harness = harness;
            var dev = """ "dev":{"ids":["bh-1"],"name":"Behaviour"} """;
            await harness.PublishAsync($"{harness.Prefix}/switch/lamp/config",
                $$"""{"name":"Lamp","object_id":"bh_lamp","state_topic":"bh/lamp/state","command_topic":"bh/lamp/set",{{dev}}}""", retain: true);
            await harness.PublishAsync($"{harness.Prefix}/switch/fan/config",
                $$"""{"name":"Fan","object_id":"bh_fan","state_topic":"bh/fan/state","command_topic":"bh/fan/set",{{dev}}}""", retain: true);
            await harness.PublishAsync($"{harness.Prefix}/light/light/config",
                $$"""{"name":"Light","object_id":"bh_light","schema":"json","brightness":true,"state_topic":"bh/light","command_topic":"bh/light/set",{{dev}}}""", retain: true);
            await harness.PublishAsync($"{harness.Prefix}/sensor/temp/config",
                $$$"""{"name":"Temp","object_id":"bh_temp","state_topic":"bh/temp","value_template":"{{ value_json.t }}","json_attributes_topic":"bh/temp",{{{dev}}}}""", retain: true);
            await harness.PublishAsync($"{harness.Prefix}/binary_sensor/door/config",
                $$"""{"name":"Door","object_id":"bh_door","state_topic":"bh/door/state",{{dev}}}""", retain: true);
            await harness.PublishAsync($"{harness.Prefix}/cover/blind/config",
                $$"""{"name":"Blind","object_id":"bh_blind","command_topic":"bh/blind/set","set_position_topic":"bh/blind/position","position_topic":"bh/blind/at",{{dev}}}""", retain: true);
            foreach (var entity in new[] { "switch.bh_lamp", "switch.bh_fan", "light.bh_light", "sensor.bh_temp", "binary_sensor.bh_door", "cover.bh_blind" })
            {
                await harness.EntityAsync(e => e.EntityId == entity, entity);
            }
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>Publishes a device's state and waits until the service holds it (so that what follows sees it).</summary>
    internal async Task StateAsync(string entityId, string topic, string payload, string expected)
    {
        await Harness.PublishAsync(topic, payload);
        await Harness.EntityAsync(e => e.EntityId == entityId && e.State.Value == expected, $"{entityId} is {expected}");
    }

    internal async Task<string> CreateAsync(string yaml)
    {
        using var admin = Harness.Admin();
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await admin.PostAsync(new Uri("/api/automations", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.ToString();
    }

    internal async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string yaml, string path = "/api/automations", string mediaType = "application/yaml")
    {
        using var admin = Harness.Admin();
        using var content = new StringContent(yaml, Encoding.UTF8, mediaType);
        using var response = await admin.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    internal async Task DeleteAsync(string id)
    {
        using var admin = Harness.Admin();
        using var response = await admin.DeleteAsync(new Uri($"/api/automations/{id}", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"delete {id}: {response.StatusCode}");
    }

    /// <summary>Runs it from the API: the run id, or null when its mode refused the run (409).</summary>
    internal async Task<string?> RunAsync(string id, bool skipConditions = false)
    {
        using var user = Harness.User();
        using var response = await user.PostAsJsonAsync(new Uri($"/api/automations/{id}/run", UriKind.Relative), new { skipConditions });
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonNode.Parse(body)!["runId"]!.ToString();
    }

    /// <summary>The run's trace once it ended (any status but running or queued).</summary>
    internal async Task<JsonObject> EndedAsync(string id, string runId)
    {
        using var user = Harness.User();
        JsonObject? trace = null;
        await DeviceHarness.EventuallyAsync(async () =>
        {
            trace = (JsonObject)JsonNode.Parse(await user.GetStringAsync(new Uri($"/api/automations/{id}/traces/{runId}", UriKind.Relative)))!;
            return trace["run"]!["status"]!.ToString() is not ("running" or "queued");
        }, $"run {runId} ends");
        return trace!;
    }

    /// <summary>The automation's runs, newest first.</summary>
    internal async Task<List<JsonObject>> RunsAsync(string id)
    {
        using var user = Harness.User();
        var page = JsonNode.Parse(await user.GetStringAsync(new Uri($"/api/automations/{id}/traces?limit=100", UriKind.Relative)))!;
        return [.. page["items"]!.AsArray().Select(r => (JsonObject)r!)];
    }

    /// <summary>What arrived on <paramref name="topic"/>, once at least <paramref name="count"/> messages did.</summary>
    internal async Task<List<TimedSubscriber.Received>> OutputsAsync(string topic, int count)
    {
        await DeviceHarness.EventuallyAsync(() => Task.FromResult(Subscriber.Messages.Count(m => m.Topic == topic) >= count), $"{count} message(s) on {topic}");
        return [.. Subscriber.Messages.Where(m => m.Topic == topic)];
    }

    internal List<TimedSubscriber.Received> Seen(string topic) => [.. Subscriber.Messages.Where(m => m.Topic == topic)];

    internal static string LocalTime(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        if (_subscriber is not null)
        {
            await _subscriber.DisposeAsync();
        }

        _starting.Dispose();
    }
}
