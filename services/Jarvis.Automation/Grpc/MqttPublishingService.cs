using System.Globalization;
using Grpc.Core;
using Jarvis.Automation.Outbox;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Integrations;
using Microsoft.AspNetCore.Authorization;
using Npgsql;

namespace Jarvis.Automation.Grpc;

/// <summary>
/// <c>proto/automation.proto</c>: other services' MQTT messages (plugins' <c>jarvis.mqtt.publish</c>) go
/// through the durable outbox like device commands. Every request is checked here, field by field,
/// before the outbox sees it; a failure is a gRPC status, never an unhandled exception.
/// </summary>
[Authorize(Policy = InternalPolicies.Service)]
internal sealed partial class MqttPublishingService(MqttOutbox outbox, ILogger<MqttPublishingService> logger) : MqttPublishing.MqttPublishingBase
{
    /// <summary>The longest time to live a caller may ask for: a day.</summary>
    public const int MaxTtlSeconds = 86_400;

    /// <summary>The standard gRPC trailer (gRFC A6) telling a retrying client how long to wait.</summary>
    public const string RetryPushbackTrailer = "grpc-retry-pushback-ms";

    public override async Task<PublishReply> Publish(PublishRequest request, ServerCallContext context)
    {
        var message = Validate(request);
        var id = await Storage(() => outbox.EnqueueAsync(message, context.CancellationToken), "queue the message (nothing was queued)", context);
        return new PublishReply { Id = id.ToString(), Status = MqttOutbox.StatusName(OutboxStatus.Queued) };
    }

    public override async Task<PublishReply> GetPublish(GetPublishRequest request, ServerCallContext context)
    {
        if (!Guid.TryParseExact(request.Id, "D", out var id))
        {
            throw Invalid("id must be a UUID (the id Publish answered)");
        }

        var entry = await Storage(() => outbox.GetAsync(id, context.CancellationToken), "read the message's status", context)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no message has the id {id}"));
        return new PublishReply { Id = entry.Id.ToString(), Status = MqttOutbox.StatusName(entry.Status), Error = entry.Error ?? "" };
    }

    /// <summary>The request as an outbox message, or InvalidArgument naming the first field that is wrong.</summary>
    public static OutboxMessage Validate(PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (MqttTopicName.Refusal(request.Topic) is { } refusal)
        {
            throw Invalid("topic " + refusal);
        }

        if (request.Payload.Length > MqttOutbox.MaxPayloadBytes)
        {
            throw Invalid($"payload must be at most {MqttOutbox.MaxPayloadBytes} bytes (it has {request.Payload.Length})");
        }

        var qos = request.HasQos ? request.Qos : 1;
        if (qos is not (0 or 1))
        {
            throw Invalid(qos == 2
                ? "qos must be 0 or 1: the outbox delivers at least once, so exactly-once (2) is not offered"
                : "qos must be 0 or 1");
        }

        if (request.HasTtlSeconds && request.TtlSeconds is < 1 or > MaxTtlSeconds)
        {
            throw Invalid($"ttl_seconds must be 1..{MaxTtlSeconds} (unset: the service's default)");
        }

        return new OutboxMessage(request.Topic, request.Payload.Memory, qos, request.Retain,
            request.HasTtlSeconds ? TimeSpan.FromSeconds(request.TtlSeconds) : null);
    }

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    /// <summary>Runs one outbox operation; storage that does not answer is Unavailable with a retry hint, anything else Internal.</summary>
    private async Task<T> Storage<T>(Func<Task<T>> operation, string what, ServerCallContext context)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !context.CancellationToken.IsCancellationRequested)
        {
            LogStorageUnavailable(logger, what, ex.Message);
            var trailers = new Metadata
            {
                { RetryPushbackTrailer, (DatabaseFailures.RetryAfterSeconds * 1000).ToString(CultureInfo.InvariantCulture) },
            };
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"the outbox's storage does not answer, so the service could not {what}; try again in {DatabaseFailures.RetryAfterSeconds} s"), trailers);
        }
        catch (ArgumentException ex)
        {
            // The outbox's own checks; Validate ran first, so this is a rule the two disagree on.
            throw Invalid(ex.Message);
        }
        catch (Exception ex) when (ex is not RpcException and not OperationCanceledException)
        {
            LogFailed(logger, what, ex);
            throw new RpcException(new Status(StatusCode.Internal, "the message could not be handled; the service logged why"));
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "MQTT publishing: the outbox's storage did not answer ({What}): {Reason}")]
    private static partial void LogStorageUnavailable(ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Error, Message = "MQTT publishing: a request failed ({What})")]
    private static partial void LogFailed(ILogger logger, string what, Exception exception);
}
