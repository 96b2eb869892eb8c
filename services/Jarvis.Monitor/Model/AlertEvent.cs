using System.Text.Json.Serialization;

namespace Jarvis.Monitor.Model;

[JsonConverter(typeof(JsonStringEnumConverter<AlertEvent>))]
public enum AlertEvent
{
    [JsonStringEnumMemberName("down")] Down,
    [JsonStringEnumMemberName("resolved")] Resolved,
    [JsonStringEnumMemberName("flapping")] Flapping,
    [JsonStringEnumMemberName("test")] Test,
}
