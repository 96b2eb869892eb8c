using System.Collections.Concurrent;
using System.Text;
using Jarvis.ServiceDefaults.Integrations;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Jarvis.Monitor.Mqtt;

/// <summary>
/// This replica's MQTT connection: it publishes alerts, times a publish/subscribe round trip through the broker,
/// and remembers when each watched topic last spoke (freshness checks). Clean sessions: a monitor that was away
/// has nothing to catch up on. It reconnects every second while the broker is away.
/// </summary>
public sealed partial class MonitorMqtt : BackgroundService
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly ILogger<MonitorMqtt> _logger;
    private readonly TimeProvider _time;
    private readonly string _probeTopic;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _roundTrips = new();
    private readonly ConcurrentDictionary<string, int> _watched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastHeard = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscriptions = new(1, 1);

    public MonitorMqtt(MqttBrokerAddress broker, TimeProvider time, ILogger<MonitorMqtt> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _time = time;
        _logger = logger;
        var clientId = $"jarvis-monitor-{Guid.NewGuid():N}";
        _probeTopic = $"jarvis/monitor/probe/{clientId}";
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(5))
            .WithTimeout(TimeSpan.FromSeconds(3));
        if (broker.Username is { } username)
        {
            builder.WithCredentials(username, broker.Password);
        }

        _options = builder.Build();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>When the connection last went up: a freshness check counts silence from here at the earliest.</summary>
    public DateTimeOffset ConnectedSince { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Publishes and waits for the broker to hand the message back on this connection's own subscription.</summary>
    public async Task RoundTripAsync(CancellationToken cancellationToken)
    {
        // Just started or reconnecting: wait for the connection within the attempt's timeout rather than fail at once.
        while (!_client.IsConnected)
        {
            await Task.Delay(50, cancellationToken);
        }

        var nonce = Guid.NewGuid().ToString("N");
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _roundTrips[nonce] = arrived;
        try
        {
            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(_probeTopic).WithPayload(nonce)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build(), cancellationToken);
            await arrived.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _roundTrips.TryRemove(nonce, out _);
        }
    }

    /// <summary>Publishes an alert (QoS 1, retained, so a dashboard that connects later sees each check's last alert).</summary>
    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        EnsureConnected();
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithContentType("application/json").WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The broker refused the alert on {topic}: {result.ReasonCode}.");
        }
    }

    /// <summary>Starts remembering when <paramref name="filter"/> last carried a message.</summary>
    public async Task WatchAsync(string filter, CancellationToken cancellationToken)
    {
        if (_watched.AddOrUpdate(filter, 1, (_, n) => n + 1) == 1 && _client.IsConnected)
        {
            await SubscribeAsync([filter], cancellationToken);
        }
    }

    public async Task UnwatchAsync(string filter, CancellationToken cancellationToken)
    {
        if (_watched.AddOrUpdate(filter, 0, (_, n) => n - 1) <= 0)
        {
            _watched.TryRemove(filter, out _);
            _lastHeard.TryRemove(filter, out _);
            if (_client.IsConnected)
            {
                await _client.UnsubscribeAsync(filter, cancellationToken);
            }
        }
    }

    /// <summary>When a message last arrived on <paramref name="filter"/>, or null if none since it was watched.</summary>
    public DateTimeOffset? LastHeard(string filter) => _lastHeard.TryGetValue(filter, out var at) ? at : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                try
                {
                    var result = await _client.ConnectAsync(_options, stoppingToken);
                    if (result.ResultCode == MqttClientConnectResultCode.Success)
                    {
                        ConnectedSince = _time.GetUtcNow();
                        await SubscribeAsync([_probeTopic, .. _watched.Keys], stoppingToken);
                        LogConnected(_logger);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogConnectFailed(_logger, ex.Message);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogConnectFailed(_logger, ex.Message);
            }
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        _subscriptions.Dispose();
        base.Dispose();
    }

    private async Task SubscribeAsync(IEnumerable<string> filters, CancellationToken cancellationToken)
    {
        await _subscriptions.WaitAsync(cancellationToken);
        try
        {
            var builder = new MqttClientSubscribeOptionsBuilder();
            var any = false;
            foreach (var filter in filters)
            {
                builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtMostOnce);
                any = true;
            }

            if (any)
            {
                await _client.SubscribeAsync(builder.Build(), cancellationToken);
            }
        }
        finally
        {
            _subscriptions.Release();
        }
    }

    private void EnsureConnected()
    {
        if (!_client.IsConnected)
        {
            throw new InvalidOperationException("Not connected to the MQTT broker.");
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (topic == _probeTopic)
        {
            var nonce = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
            if (_roundTrips.TryGetValue(nonce, out var waiting))
            {
                waiting.TrySetResult();
            }

            return Task.CompletedTask;
        }

        if (e.ApplicationMessage.Retain)
        {
            return Task.CompletedTask; // a retained message says what was, not that the sender lives
        }

        var now = _time.GetUtcNow();
        foreach (var filter in _watched.Keys)
        {
            if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                _lastHeard[filter] = now;
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor connected to the MQTT broker.")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT connection attempt failed: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string reason);
}
