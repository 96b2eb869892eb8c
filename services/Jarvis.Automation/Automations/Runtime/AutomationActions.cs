using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Devices;
using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Outbox;
using Jarvis.Automation.Storage;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// Performs an <c>action:</c> step: a device command through the same path as <c>POST /api/devices/entities/{id}/commands</c>
/// (translation, <c>automation.device_commands</c>, the outbox), <c>mqtt.publish</c> and <c>notify.jarvis</c> through the
/// outbox; each with the step's idempotency key, so that a resumed run's repeat of a step is dropped.
/// </summary>
public sealed class AutomationActions(DeviceStore devices, DeviceCatalog catalog, CommandStore commands, MqttOutbox outbox)
{
    /// <summary>The topic notify.jarvis publishes on (<c>jarvis/notify/&lt;user id&gt;</c>, or <c>jarvis/notify/admins</c>).</summary>
    public const string NotifyTopic = "jarvis/notify";

    public async Task<JsonObject> PerformAsync(ServiceAction step, RunScope scope, string path, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(scope);
        var data = (JsonObject)scope.RenderValue(step.Data, $"{path}/data")!;
        switch (step.Service)
        {
            case "mqtt.publish":
                return await PublishAsync(Text(data["topic"]) ?? string.Empty, Text(data["payload"]) ?? string.Empty,
                    (int)(Number(data["qos"], "qos") ?? 0), data["retain"] is JsonValue retain && retain.TryGetValue<bool>(out var flag) && flag, key, cancellationToken);
            case "notify.jarvis":
                var user = Text(data["user_id"]);
                var notice = new JsonObject
                {
                    ["title"] = Text(data["title"]),
                    ["message"] = Text(data["message"]),
                    ["user_id"] = user,
                    ["automation_id"] = scope.Variables["this"]?["id"]?.DeepClone(),
                    ["key"] = key,
                };
                return await PublishAsync($"{NotifyTopic}/{(Guid.TryParse(user, out var userId) ? userId.ToString() : "admins")}", notice.ToJsonString(), 1, false, key, cancellationToken);
        }

        var command = Command(step, data);
        var result = new JsonObject();
        foreach (var entityId in step.EntityIds)
        {
            result[entityId] = await CommandAsync(entityId, command, step.Service, $"{key}/{entityId}", cancellationToken);
        }

        return result;
    }

    private async Task<JsonObject> PublishAsync(string topic, string payload, int qos, bool retain, string key, CancellationToken cancellationToken)
    {
        if (topic.Length == 0 || topic.IndexOfAny(['+', '#', '\0']) >= 0 || qos is < 0 or > 2)
        {
            throw new RunFailedException($"mqtt.publish needs a topic without wildcards and a qos of 0..2 (topic '{topic}', qos {qos})");
        }

        var (id, duplicate) = await outbox.EnqueueOnceAsync(new OutboxMessage(topic, Encoding.UTF8.GetBytes(payload), qos, retain), key, cancellationToken);
        return new JsonObject { ["topic"] = topic, ["outbox_id"] = id.ToString(), ["duplicate"] = duplicate };
    }

    private async Task<JsonObject> CommandAsync(string entityId, DeviceCommand command, string service, string key, CancellationToken cancellationToken)
    {
        if (await devices.FindRowAsync(entityId, cancellationToken) is not { } row || await devices.GetEntityAsync(entityId, cancellationToken) is not { } view)
        {
            throw new RunFailedException($"{service}: there is no entity {entityId}");
        }

        await catalog.EnsureLoadedAsync(cancellationToken);
        var entity = catalog.Find(new DiscoveryKey(row.Key));
        if (entity is null || entity.Support != EntitySupport.Supported || entity.Config is null || !entity.Config.AcceptsCommands)
        {
            throw new RunFailedException($"{service}: {entityId} cannot be commanded ({view.Support}{(view.Problem is null ? string.Empty : ": " + view.Problem)})");
        }

        if (view.Disabled)
        {
            throw new RunFailedException($"{service}: {entityId} is disabled");
        }

        if (view.State.Available == false)
        {
            throw new RunFailedException($"{service}: {entityId} is unavailable");
        }

        var translation = CommandTranslator.Translate(entity, command, view.State.Value);
        if (!translation.Succeeded)
        {
            throw new RunFailedException($"{service}: {entityId}: {translation.Error}");
        }

        var body = new JsonObject { ["service"] = service, ["key"] = key }.ToJsonString();
        var (id, duplicate) = await commands.SendAsync(row.Row, entityId, body, translation.Messages, null, key, cancellationToken);
        return new JsonObject { ["command_id"] = id.ToString(), ["duplicate"] = duplicate };
    }

    private static DeviceCommand Command(ServiceAction step, JsonObject data)
    {
        var brightness = Number(data["brightness"], "brightness") is { } b ? (int?)Math.Round(b)
            : Number(data["brightness_pct"], "brightness_pct") is { } pct ? (int?)Math.Round(pct * 255 / 100) : null;
        var colorTemp = Number(data["color_temp"], "color_temp") is { } ct ? (int?)Math.Round(ct) : null;
        return step.Name switch
        {
            "turn_on" or "open_cover" => new DeviceCommand(CommandKind.TurnOn, brightness, colorTemp),
            "turn_off" or "close_cover" => new DeviceCommand(CommandKind.TurnOff),
            "toggle" => new DeviceCommand(CommandKind.Toggle),
            "stop_cover" => new DeviceCommand(CommandKind.Set, Value: "stop"),
            "set_cover_position" => new DeviceCommand(CommandKind.Set, Position: (int?)Math.Round(Number(data["position"], "position") ?? -1)),
            "set_temperature" => new DeviceCommand(CommandKind.Set, Value: Number(data["temperature"], "temperature")),
            "set_hvac_mode" => new DeviceCommand(CommandKind.Set, Value: Text(data["hvac_mode"])),
            _ => throw new RunFailedException($"{step.Service} is not supported"),
        };
    }

    private static string? Text(JsonNode? node) => JsonElements.Text(node);

    private static double? Number(JsonNode? node, string name)
    {
        if (node is null)
        {
            return null;
        }

        return double.TryParse(JsonElements.Text(node), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw new RunFailedException($"data.{name} must be a number, not {node.ToJsonString()}");
    }
}
