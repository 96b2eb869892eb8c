using System.Threading.Channels;
using Jarvis.Simulation.Devices;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Jarvis.Simulation.Mqtt;

/// <summary>
/// One gateway's MQTT 5 connection: its will on the status topic, its command subscriptions, and a
/// window of QoS 1 publishes no wider than the broker's receive maximum. Received messages are handed
/// to one worker in order, off MQTTnet's receive loop (a handler that awaited a PUBACK there would wait
/// forever). After a loss it reconnects from a loop of its own, never from the disconnected handler.
/// </summary>
public sealed class GatewayConnection : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly IReadOnlyList<string> _filters;
    private readonly MqttQualityOfServiceLevel _qos;
    private readonly Func<GatewayConnection, string, string, CancellationToken, Task> _onMessage;
    private readonly Func<GatewayConnection, CancellationToken, Task> _onReconnected;
    private readonly TextWriter? _log;
    private readonly Channel<(string Topic, string Payload)> _inbox = Channel.CreateUnbounded<(string, string)>(new() { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private SemaphoreSlim _window = new(1);
    private Task? _worker;
    private Task? _keeper;
    private bool _aborted;

    public GatewayConnection(
        Gateway gateway,
        SimulatorOptions options,
        Func<GatewayConnection, string, string, CancellationToken, Task> onMessage,
        Func<GatewayConnection, CancellationToken, Task> onReconnected)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(options);
        Gateway = gateway;
        _qos = (MqttQualityOfServiceLevel)options.Qos;
        _onMessage = onMessage;
        _onReconnected = onReconnected;
        _log = options.Log;
        _filters = [.. gateway.CommandFilters, $"{options.DiscoveryPrefix}/status"];
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Broker.Host, options.Broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(gateway.ClientId)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(gateway.Offline.Topic)
            .WithWillPayload(gateway.Offline.Payload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (options.Broker.UserName is { } user)
        {
            builder = builder.WithCredentials(user, options.Broker.Password);
        }

        _options = builder.Build();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _inbox.Writer.TryWrite((e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? ""));
            return Task.CompletedTask;
        };
    }

    public Gateway Gateway { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects, subscribes to the gateway's command topics and <c>&lt;prefix&gt;/status</c>, and keeps the connection from then on.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await ConnectOnceAsync(cancellationToken);
        _worker ??= Task.Run(() => WorkAsync(_closing.Token), CancellationToken.None);
        _keeper ??= Task.Run(() => KeepAsync(_closing.Token), CancellationToken.None);
    }

    /// <summary>Publishes one message; true when the broker acknowledged it (QoS 1 and 2) or it was sent (QoS 0).</summary>
    public async Task<bool> PublishAsync(OutgoingMessage message, MqttQualityOfServiceLevel? qos = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var application = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithRetainFlag(message.Retain)
            .WithQualityOfServiceLevel(qos ?? _qos)
            .Build();
        var window = _window;
        await window.WaitAsync(cancellationToken);
        try
        {
            var result = await _client.PublishAsync(application, cancellationToken);
            return result.IsSuccess;
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>Publishes messages in order, several in flight at once; how many were acknowledged.</summary>
    public async Task<int> PublishAllAsync(IEnumerable<OutgoingMessage> messages, MqttQualityOfServiceLevel? qos, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(messages.Select(m => PublishAsync(m, qos, cancellationToken)));
        return results.Count(ok => ok);
    }

    /// <summary>A clean goodbye: no will (the caller publishes its offline status first).</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        await _closing.CancelAsync();
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
    }

    /// <summary>Drops the connection without a DISCONNECT packet, as a crash or a pulled plug does: the broker publishes the will.</summary>
    public void Abort()
    {
        _aborted = true;
        _closing.Cancel();
        _client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _inbox.Writer.TryComplete();
        foreach (var task in new[] { _worker, _keeper })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        if (!_aborted)
        {
            _client.Dispose();
        }

        _closing.Dispose();
    }

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var connected = await _client.ConnectAsync(_options, cancellationToken);
        var receiveMaximum = connected.ReceiveMaximum is > 0 and var maximum ? maximum : ushort.MaxValue;
        _window = new SemaphoreSlim(receiveMaximum);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _filters)
        {
            subscribe.WithTopicFilter(filter, _qos);
        }

        await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var (topic, payload) in _inbox.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await _onMessage(this, topic, payload, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log?.WriteLine($"{Gateway.Name}: could not handle {topic}: {ex.Message}");
            }
        }
    }

    /// <summary>Reconnects after a loss with backoff from one second, doubling to 30 s, and announces the gateway again.</summary>
    private async Task KeepAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(backoff, cancellationToken);
                if (_client.IsConnected)
                {
                    backoff = TimeSpan.FromSeconds(1);
                    continue;
                }

                _log?.WriteLine($"{Gateway.Name}: connection lost; reconnecting");
                await ConnectOnceAsync(cancellationToken);
                await _onReconnected(this, cancellationToken);
                _log?.WriteLine($"{Gateway.Name}: reconnected");
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                _log?.WriteLine($"{Gateway.Name}: reconnect failed ({ex.Message}); next try in {backoff.TotalSeconds:0} s");
            }
        }
    }
}
