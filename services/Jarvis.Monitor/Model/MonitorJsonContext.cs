using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jarvis.Monitor.Model;

/// <summary>Source-generated JSON for the API's bodies, the stored definitions and the alerts.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CheckDefinition))]
[JsonSerializable(typeof(CheckRequest))]
[JsonSerializable(typeof(Page<CheckDefinition>))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(StatusChange))]
[JsonSerializable(typeof(CheckSnapshot))]
[JsonSerializable(typeof(AlertEvent))]
[JsonSerializable(typeof(Page<HistoryPoint>))]
[JsonSerializable(typeof(Page<Incident>))]
[JsonSerializable(typeof(AlertChannel))]
[JsonSerializable(typeof(Page<AlertChannel>))]
[JsonSerializable(typeof(ChannelRequest))]
[JsonSerializable(typeof(Page<Delivery>))]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(ChatNotification))]
public sealed partial class MonitorJsonContext : JsonSerializerContext;
