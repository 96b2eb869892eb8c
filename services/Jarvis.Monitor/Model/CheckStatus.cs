using System.Text.Json.Serialization;

namespace Jarvis.Monitor.Model;

/// <summary>A check's status; the numbers are Uptime Kuma's <c>monitor_status</c> values (paused is not exported).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    [JsonStringEnumMemberName("down")] Down = 0,
    [JsonStringEnumMemberName("up")] Up = 1,
    [JsonStringEnumMemberName("pending")] Pending = 2,
    [JsonStringEnumMemberName("maintenance")] Maintenance = 3,
    [JsonStringEnumMemberName("paused")] Paused = 4,
}
