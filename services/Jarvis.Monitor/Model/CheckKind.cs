using System.Text.Json.Serialization;

namespace Jarvis.Monitor.Model;

/// <summary>What a check probes. The first five are defined by people; the rest come from the AppHost's model.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckKind>))]
public enum CheckKind
{
    [JsonStringEnumMemberName("http")] Http,
    [JsonStringEnumMemberName("tcp")] Tcp,
    [JsonStringEnumMemberName("dns")] Dns,
    [JsonStringEnumMemberName("tls")] Tls,
    [JsonStringEnumMemberName("mqtt")] MqttFreshness,
    [JsonStringEnumMemberName("service")] Service,
    [JsonStringEnumMemberName("postgres")] Postgres,
    [JsonStringEnumMemberName("redis")] Redis,
    [JsonStringEnumMemberName("mqtt-broker")] MqttBroker,
    [JsonStringEnumMemberName("prometheus")] Prometheus,
}
