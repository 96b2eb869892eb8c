using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Jarvis.Benchmarks;

/// <summary>
/// One MQTT 5 publishing connection of the devices benchmark: QoS 1, as many messages in flight as the broker's
/// receive maximum allows, each counted when the broker acknowledges it (PUBACK).
/// </summary>
internal sealed class BenchPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _window;
    private readonly int _windowSize;
    private long _acknowledged;
    private long _refused;

    private BenchPublisher(IMqttClient client, int windowSize)
    {
        _client = client;
        _windowSize = windowSize;
        _window = new SemaphoreSlim(windowSize, windowSize);
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Refused by the broker, or not answered before the connection ended.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public int Window => _windowSize;

    public static async Task<BenchPublisher> ConnectAsync(string host, int port, string clientId, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        var connected = await client.ConnectAsync(options, cancellationToken);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"The broker refused {clientId}: {connected.ResultCode}");
        }

        // The broker's receive maximum (0: not given, MQTT's default of 65,535) bounds QoS 1 messages in flight.
        return new BenchPublisher(client, connected.ReceiveMaximum is null or 0 ? 65_535 : connected.ReceiveMaximum.Value);
    }

    /// <summary>Waits for room in the window, then sends; the returned task completes when the broker answered.</summary>
    public async Task<Task> SendAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        await _window.WaitAsync(cancellationToken);
        return CompleteAsync(topic, payload, cancellationToken);
    }

    private async Task CompleteAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(Encoding.ASCII.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await _client.PublishAsync(message, cancellationToken);
            if (result.IsSuccess)
            {
                Interlocked.Increment(ref _acknowledged);
            }
            else
            {
                Interlocked.Increment(ref _refused);
            }
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            Interlocked.Increment(ref _refused); // the connection ended before the broker answered
        }
        finally
        {
            _window.Release();
        }
    }

    /// <summary>Completes when nothing is in flight any more.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _windowSize; i++)
        {
            await _window.WaitAsync(cancellationToken);
        }

        _window.Release(_windowSize);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _window.Dispose();
    }
}
