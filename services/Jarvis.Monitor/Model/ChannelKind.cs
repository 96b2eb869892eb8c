using System.Text.Json.Serialization;

namespace Jarvis.Monitor.Model;

[JsonConverter(typeof(JsonStringEnumConverter<ChannelKind>))]
public enum ChannelKind
{
    [JsonStringEnumMemberName("mqtt")] Mqtt,
    [JsonStringEnumMemberName("webhook")] Webhook,
    [JsonStringEnumMemberName("chat")] Chat,
}
