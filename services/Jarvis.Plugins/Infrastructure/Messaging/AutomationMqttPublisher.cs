using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Jarvis.Automation.Grpc;
using Jarvis.Plugins.Infrastructure.Lua;

namespace Jarvis.Plugins.Infrastructure.Messaging;

/// <summary>
/// <c>jarvis.mqtt.publish</c> through the automation service's gRPC API (<c>proto/automation.proto</c>),
/// which queues the message in its durable outbox. Synchronous on purpose, as the kv store: it runs on
/// the plugin's runner thread, inside the call's budget. The topic was already checked against the
/// manifest's <c>mqttTopics</c>; the service checks it again as an MQTT topic name.
/// </summary>
internal sealed partial class AutomationMqttPublisher(GrpcClientFactory clients, ILogger<AutomationMqttPublisher> logger) : IMqttPublisher
{
    /// <summary>The client's name in the gRPC client factory (<c>AddGrpcClient</c>'s default: the type's name).</summary>
    public const string ClientName = nameof(MqttPublishing.MqttPublishingClient);

    /// <summary>The longest one publish may wait for the service, whatever the plugin's budget.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    public string Publish(string pluginId, string topic, string payload, TimeSpan budget)
    {
        var wait = budget < MaxWait ? budget : MaxWait;
        if (wait <= TimeSpan.Zero)
        {
            throw new HostApiException("the call's execution budget is spent; nothing was published");
        }

        var request = new PublishRequest { Topic = topic, Payload = ByteString.CopyFrom(payload, Encoding.UTF8), Qos = 1 };
        try
        {
            // A typed client per call, as the factory intends: its handler pipeline is pooled and rotated.
            var client = clients.CreateClient<MqttPublishing.MqttPublishingClient>(ClientName);
            var reply = client.Publish(request, deadline: DateTime.UtcNow + wait);
            return reply.Id;
        }
        catch (RpcException ex)
        {
            LogRefused(logger, pluginId, topic, ex.StatusCode, ex.Status.Detail);
            throw new HostApiException(Describe(ex, wait));
        }
    }

    private static string Describe(RpcException ex, TimeSpan wait) => ex.StatusCode switch
    {
        StatusCode.InvalidArgument => $"the automation service refused the message: {ex.Status.Detail}",
        StatusCode.DeadlineExceeded => $"the automation service did not answer within {wait.TotalMilliseconds:0} ms; the message may or may not be queued",
        StatusCode.Unavailable => $"the automation service is unavailable, nothing was published (try again later): {ex.Status.Detail}",
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => "the automation service did not accept the plugins service's credentials; nothing was published",
        _ => $"publishing failed ({ex.StatusCode}): {ex.Status.Detail}",
    };

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Plugin {PluginId}: publishing to {Topic} failed: {Status} {Detail}")]
    private static partial void LogRefused(ILogger logger, string pluginId, string topic, StatusCode status, string detail);
}
