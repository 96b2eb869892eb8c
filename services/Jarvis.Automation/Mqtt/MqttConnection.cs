using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using System.Text;
using Jarvis.ServiceDefaults.Integrations;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Jarvis.Automation.Mqtt;

/// <summary>
/// This replica's one MQTT 5 connection: a persistent session (clean start off, session expiry), inbound
/// messages acknowledged only once stored, and a reconnect loop of its own (MQTTnet 5 has no managed client,
/// and its guidance is not to reconnect inside the disconnected handler): the handler only records the loss
/// and wakes the loop, which retries with <see cref="ReconnectBackoff"/> for as long as the service runs.
/// </summary>
public sealed partial class MqttConnection : BackgroundService
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly MqttBrokerAddress _broker;
    private readonly MqttClientIdentity _identity;
    private readonly MqttSubscription[] _subscriptions;
    private readonly MqttInbound _inbound;
    private readonly MqttMetrics _metrics;
    private readonly MqttOptions _options;
    private readonly ReconnectBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttConnection> _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _ended = NewSignal();
    private TaskCompletionSource _up = NewSignal();
    private int _epoch;
    private int _abandonedEpoch = -1;
    private bool _connected;
    private bool _everConnected;
    private bool _recycle;
    private DateTimeOffset? _downSince;
    private int _failedAttempts;
    private string? _lastError;
    private int _storageFailures;
    private bool _disposed;
    private Task _consumer = Task.CompletedTask;
    private readonly Channel<MqttDelivery> _deliveries = Channel.CreateUnbounded<MqttDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<ushort, UnacknowledgedMessage> _unacknowledged = new();

    public MqttConnection(
        MqttBrokerAddress broker,
        MqttClientIdentity identity,
        IEnumerable<MqttSubscription> subscriptions,
        MqttInbound inbound,
        MqttMetrics metrics,
        IOptions<MqttOptions> options,
        ReconnectBackoff backoff,
        TimeProvider time,
        ILogger<MqttConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(options);
        _broker = broker;
        _identity = identity;
        _subscriptions = [.. subscriptions];
        _inbound = inbound;
        _metrics = metrics;
        _options = options.Value;
        _backoff = backoff;
        _time = time;
        _logger = logger;
        _downSince = time.GetUtcNow();

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(identity.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout);
        if (broker.Username is { } username)
        {
            builder.WithCredentials(username, broker.Password);
        }

        _clientOptions = builder.Build();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public string ClientId => _identity.ClientId;

    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    public MqttConnectionStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new MqttConnectionStatus(_connected, _downSince, _everConnected, _failedAttempts, _lastError);
            }
        }
    }

    /// <summary>Completes when the connection is up (at once if it is).</summary>
    public Task WhenConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _up.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Publishes on the current connection; throws when there is none or it ends before the broker answers.</summary>
    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!IsConnected)
        {
            throw new InvalidOperationException($"Not connected to the MQTT broker {_broker.Host}:{_broker.Port}.");
        }

        var result = await _client.PublishAsync(message, cancellationToken);
        if (result.IsSuccess)
        {
            _metrics.Published();
        }

        return result;
    }

    /// <summary>One attempt before the service listens, so that <c>/health</c> is right from the first request.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _consumer = Task.Run(() => ConsumeAsync(_shutdown.Token), CancellationToken.None);
        await TryConnectAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_disposed)
        {
            return;
        }

        // Handlers still running give up and leave their message unacknowledged: the broker keeps it.
        await _shutdown.CancelAsync();
        await _consumer.WaitAsync(cancellationToken);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _disposed = true;
        _client.Dispose();
        _shutdown.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var attempt = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Task ended;
                bool connected;
                lock (_gate)
                {
                    ended = _ended.Task;
                    connected = _connected;
                }

                if (connected)
                {
                    await ended.WaitAsync(stoppingToken);
                    await RecycleIfAskedAsync(stoppingToken);
                    continue;
                }

                var delay = _backoff.Delay(attempt);
                LogRetrying(_logger, attempt + 1, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, stoppingToken);
                attempt = await TryConnectAsync(stoppingToken) ? 0 : attempt + 1;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DisconnectQuietlyAsync();
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        // A new epoch before the CONNECT: messages of this connection are acknowledged on it and no other.
        Interlocked.Increment(ref _epoch);
        try
        {
            var result = await _client.ConnectAsync(_clientOptions, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"The broker refused the connection: {result.ResultCode} {result.ReasonString}");
            }

            if (!result.IsSessionPresent)
            {
                // A new session: the broker resends nothing, so nothing it sends can be a resend.
                _unacknowledged.Clear();
                await SubscribeAllAsync(cancellationToken);
            }

            MarkConnected(result.IsSessionPresent);
            await PublishOnlineAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.ConnectFailed();
            lock (_gate)
            {
                _failedAttempts++;
                _lastError = ex.Message;
            }

            LogConnectFailed(_logger, _broker.Host, _broker.Port, ex.Message);
            if (_client.IsConnected)
            {
                await DisconnectQuietlyAsync();
            }

            return false;
        }
    }

    private async Task SubscribeAllAsync(CancellationToken cancellationToken)
    {
        var filters = _subscriptions.Select(s => s.BrokerFilter(_identity.SharedSubscriptions)).Distinct(StringComparer.Ordinal).ToList();
        if (filters.Count == 0)
        {
            return;
        }

        // One SUBSCRIBE per filter, each with its own subscription identifier: where filters overlap
        // (`homeassistant/#` and `#`) the broker sends a copy per subscription, and each copy names the
        // subscription it came through, so it goes to that subscription's handlers alone.
        foreach (var filter in filters)
        {
            var options = new MqttClientSubscribeOptionsBuilder()
                .WithSubscriptionIdentifier(MqttSubscription.IdentifierOf(filters, filter))
                .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build();
            var result = await _client.SubscribeAsync(options, cancellationToken);
            var refused = result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2).ToList();
            if (refused.Count > 0)
            {
                throw new InvalidOperationException("The broker refused to subscribe: "
                    + string.Join(", ", refused.Select(i => $"{i.TopicFilter.Topic} ({i.ResultCode})")));
            }
        }

        LogSubscribed(_logger, filters.Count, string.Join(", ", filters));
    }

    private void MarkConnected(bool sessionPresent)
    {
        TimeSpan? outage = null;
        lock (_gate)
        {
            if (_everConnected && _downSince is { } since)
            {
                outage = _time.GetUtcNow() - since;
            }

            _connected = true;
            _everConnected = true;
            // An unstored message of the ended connection comes again on this one: no recycle still owed.
            _recycle = false;
            _downSince = null;
            _failedAttempts = 0;
            _lastError = null;
            _ended = NewSignal();
            _up.TrySetResult();
            _metrics.Connected = true;
        }

        if (outage is { } length)
        {
            _metrics.Reconnected();
            LogRestored(_logger, _broker.Host, _broker.Port, length.TotalSeconds, sessionPresent);
        }
        else
        {
            LogConnected(_logger, _broker.Host, _broker.Port, _identity.ClientId, sessionPresent);
        }

        // The connection may have ended between the CONNACK and here, before the handler could see it as up.
        if (!_client.IsConnected)
        {
            MarkLost("the connection ended right after it was made");
        }
    }

    private void MarkLost(string reason)
    {
        lock (_gate)
        {
            if (!_connected)
            {
                return;
            }

            Interlocked.Increment(ref _epoch);
            _connected = false;
            _downSince = _time.GetUtcNow();
            _lastError = reason;
            _up = NewSignal();
            _ended.TrySetResult();
            _metrics.Connected = false;
        }

        if (!_shutdown.IsCancellationRequested)
        {
            LogLost(_logger, _broker.Host, _broker.Port, reason);
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        // No reconnect here (MQTTnet's guidance): record the loss and wake the loop.
        if (e.ClientWasConnected)
        {
            MarkLost(e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString());
        }

        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        _metrics.Received();
        var m = e.ApplicationMessage;
        var message = new MqttInboundMessage(m.Topic, m.Payload.ToArray(), m.Retain, (int)m.QualityOfServiceLevel, m.Dup, _time.GetUtcNow())
        {
            SubscriptionIdentifiers = m.SubscriptionIdentifiers is { Count: > 0 } ids ? [.. ids] : [],
            PacketId = m.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce ? (ushort)0 : e.PacketIdentifier,
        };
        var redelivery = false;
        if (m.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
        {
            if (m.Dup && _unacknowledged.TryGetValue(e.PacketIdentifier, out var known) && known.IsSameAs(message))
            {
                redelivery = true;
            }
            else
            {
                _unacknowledged[e.PacketIdentifier] = new UnacknowledgedMessage(message.Topic, message.Payload);
            }
        }

        _deliveries.Writer.TryWrite(new MqttDelivery(e, message, Volatile.Read(ref _epoch), redelivery));
        return Task.CompletedTask;
    }

    /// <summary>
    /// In batches, in the broker's order: whatever arrived while the last batch was being stored is stored in one go
    /// (<see cref="MqttOptions.InboundBatchSize"/> at most), then acknowledged message by message on the connection
    /// it came on. A message from an older connection is stored all the same (the broker may have lost it) but not
    /// acknowledged there: a packet id belongs to one connection. Its resend on the resumed session is recognised
    /// (<see cref="MqttDelivery.Redelivery"/>) and only acknowledged, so the handler sees it once. A message that
    /// cannot be stored abandons the rest of its connection's messages unacknowledged: the broker sends them all
    /// again, in order, on the next connection.
    /// </summary>
    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var batch = new List<MqttDelivery>(_options.InboundBatchSize);
        try
        {
            while (await _deliveries.Reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (batch.Count < _options.InboundBatchSize && _deliveries.Reader.TryRead(out var delivery))
                {
                    batch.Add(delivery);
                }

                try
                {
                    await ConsumeAsync(batch, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Never let one batch stop the queue: it stays unacknowledged and comes again.
                    Abandon(batch);
                    LogConsumeFailed(_logger, batch.Count, ex);
                    RequestRecycle();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ConsumeAsync(List<MqttDelivery> batch, CancellationToken cancellationToken)
    {
        var abandoned = Volatile.Read(ref _abandonedEpoch);
        var work = new List<(MqttDelivery Delivery, int Index)>(batch.Count);
        var messages = new List<MqttInboundMessage>(batch.Count);
        foreach (var delivery in batch)
        {
            if (delivery.Epoch == abandoned)
            {
                _unacknowledged.TryRemove(delivery.Args.PacketIdentifier, out _);
                continue;
            }

            var alreadyStored = delivery.Redelivery && _unacknowledged.TryGetValue(delivery.Args.PacketIdentifier, out var known) && known.Stored;
            work.Add((delivery, alreadyStored ? -1 : messages.Count));
            if (!alreadyStored)
            {
                messages.Add(delivery.Message);
            }
        }

        var outcomes = messages.Count > 0 ? await _inbound.DeliverAsync(messages, cancellationToken) : [];
        for (var i = 0; i < work.Count; i++)
        {
            var (delivery, index) = work[i];
            var id = delivery.Args.PacketIdentifier;
            var qos1 = delivery.Message.QualityOfService > 0;
            if (index >= 0)
            {
                if (outcomes[index] == InboundOutcome.NotStored)
                {
                    // Not stored, nor anything after it: the resends must reach the handler again, in order.
                    Abandon([.. work.Skip(i).Select(w => w.Delivery)]);
                    RequestRecycle();
                    return;
                }

                Interlocked.Exchange(ref _storageFailures, 0);
                if (qos1 && _unacknowledged.TryGetValue(id, out var entry) && entry.IsSameAs(delivery.Message))
                {
                    entry.Stored = true;
                }
            }

            if (!qos1 || delivery.Epoch != Volatile.Read(ref _epoch) || !_client.IsConnected)
            {
                continue;
            }

            try
            {
                await delivery.Args.AcknowledgeAsync(cancellationToken);
                _unacknowledged.TryRemove(id, out _);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAckFailed(_logger, delivery.Message.Topic, ex.Message);
            }
        }
    }

    /// <summary>These messages and the rest of their connection's are left unacknowledged, for the broker to send again.</summary>
    private void Abandon(List<MqttDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            _unacknowledged.TryRemove(delivery.Args.PacketIdentifier, out _);
        }

        if (deliveries.Count > 0)
        {
            Volatile.Write(ref _abandonedEpoch, deliveries[0].Epoch);
        }
    }

    /// <summary>
    /// A message that could not be stored stays unacknowledged, and MQTT sends it again only on a new
    /// connection: the loop reconnects, after a backoff that grows while storage keeps failing.
    /// </summary>
    private void RequestRecycle()
    {
        if (_shutdown.IsCancellationRequested)
        {
            return;
        }

        lock (_gate)
        {
            _recycle = true;
            _ended.TrySetResult();
        }
    }

    private async Task RecycleIfAskedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_recycle)
            {
                return;
            }

            _recycle = false;
        }

        var failures = Interlocked.Increment(ref _storageFailures);
        var delay = _backoff.Delay(failures - 1);
        LogRecycling(_logger, (long)delay.TotalMilliseconds);
        await Task.Delay(delay, _time, cancellationToken);
        await DisconnectQuietlyAsync();
        MarkLost("reconnecting so that the broker delivers an unstored message again");
    }

    private async Task PublishOnlineAsync(CancellationToken cancellationToken)
    {
        // Home Assistant's birth message: devices announce their discovery configs again.
        var online = new MqttApplicationMessageBuilder()
            .WithTopic($"{_options.DiscoveryPrefix}/status")
            .WithPayload(Encoding.UTF8.GetBytes("online"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            await PublishAsync(online, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogOnlineFailed(_logger, ex.Message);
        }
    }

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var options = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build();
            await _client.DisconnectAsync(options, timeout.Token);
        }
        catch (Exception ex)
        {
            LogDisconnectFailed(_logger, ex.Message);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Connected to the MQTT broker {Host}:{Port} as {ClientId} (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Lost the MQTT broker {Host}:{Port}: {Reason}; reconnecting with backoff")]
    private static partial void LogLost(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "MQTT broker {Host}:{Port} back after an outage of {OutageSeconds:0.0} s (session present: {SessionPresent})")]
    private static partial void LogRestored(ILogger logger, string host, int port, double outageSeconds, bool sessionPresent);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "MQTT reconnect attempt {Attempt} in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, int attempt, long delayMs);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "MQTT connect to {Host}:{Port} failed: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Subscribed to {Count} MQTT topic filters (the broker had no session for this client): {Filters}")]
    private static partial void LogSubscribed(ILogger logger, int count, string filters);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Could not acknowledge an MQTT message on {Topic}: {Error}; the broker will deliver it again")]
    private static partial void LogAckFailed(ILogger logger, string topic, string error);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Reconnecting to the MQTT broker in {DelayMs} ms so that it delivers an unstored message again")]
    private static partial void LogRecycling(ILogger logger, long delayMs);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Could not publish the online status: {Error}")]
    private static partial void LogOnlineFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "A batch of {Count} MQTT messages could not be processed; not acknowledged, the broker will deliver them again")]
    private static partial void LogConsumeFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "MQTT disconnect did not complete: {Error}")]
    private static partial void LogDisconnectFailed(ILogger logger, string error);
}
