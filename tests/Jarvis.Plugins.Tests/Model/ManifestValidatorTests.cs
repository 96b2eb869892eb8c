using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Tests.Model;

public sealed class ManifestValidatorTests
{
    private const string Good = """
        { "id": "good_id", "version": "1.2.3", "name": "Good", "description": "d", "hooks": ["on_message"], "permissions": ["jarvis.log"], "priority": 3,
          "limits": { "timeoutMs": 100, "memoryMb": 4 } }
        """;

    [Fact]
    public void A_good_manifest_is_accepted_with_its_fields()
    {
        var result = ManifestValidator.Validate(Encoding.UTF8.GetBytes(Good), 5000, 32);
        Assert.Null(result.Error);
        Assert.Equal("good_id", result.Manifest!.Id);
        Assert.Equal(3, result.Manifest.Priority);
        Assert.Equal(100, result.Manifest.TimeoutMs);
        Assert.Equal(4, result.Manifest.MemoryMb);
    }

    public static TheoryData<string, object?, string> BadFields => new()
    {
        { "id", "Good_Id", "must match" },
        { "id", "ab", "must match" },
        { "id", new string('a', 33), "must match" },
        { "id", "good_id\n", "must match" },
        { "id", "", "must match" },
        { "id", null, "id is required" },
        { "version", "", "version must not be empty" },
        { "version", "1.0", "not a semantic version" },
        { "version", "1.0.0\n", "not a semantic version" },
        { "name", "", "name must be" },
        { "hooks", new JsonArray("on_message", "on_everything"), "unknown hook 'on_everything'" },
        { "hooks", new JsonArray(), "at least one hook" },
        { "permissions", new JsonArray("jarvis.shell"), "unknown permission 'jarvis.shell'" },
        { "permissions", new JsonArray("jarvis.mqtt.publish"), "needs mqttTopics" },
        { "priority", 5000, "priority must be" },
        { "limits", new JsonObject { ["timeoutMs"] = 60_000 }, "may only lower" },
        { "limits", new JsonObject { ["memoryMb"] = 0 }, "limits.memoryMb" },
        { "mqttTopics", new JsonArray("a/#/b"), "not a valid MQTT topic filter" },
        { "extra", true, "unknown property 'extra'" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Every_bad_manifest_is_rejected_with_its_reason(string field, object? value, string message)
    {
        var manifest = JsonNode.Parse(Good)!.AsObject();
        manifest.Remove(field);
        if (value is not null)
        {
            manifest[field] = value switch { JsonNode node => node, string s => s, int i => i, bool b => b, _ => throw new ArgumentException("unsupported test value", nameof(value)) };
        }

        var result = ManifestValidator.Validate(Encoding.UTF8.GetBytes(manifest.ToJsonString()), 5000, 32);
        Assert.Null(result.Manifest);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public void Malformed_json_is_rejected(string json)
    {
        var result = ManifestValidator.Validate(Encoding.UTF8.GetBytes(json), 5000, 32);
        Assert.Null(result.Manifest);
        Assert.StartsWith("plugin.json", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jarvis/plugins/+/state", "jarvis/plugins/x/state", true)]
    [InlineData("jarvis/#", "jarvis/a/b", true)]
    [InlineData("jarvis/+", "jarvis/a/b", false)]
    [InlineData("jarvis/a", "jarvis/a/#", false)]
    public void Mqtt_topic_filters_match_as_mqtt_does(string filter, string topic, bool matches) =>
        Assert.Equal(matches, MqttTopicFilter.Matches(filter, topic));
}
