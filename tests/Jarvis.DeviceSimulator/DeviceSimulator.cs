using System.Diagnostics;
using Jarvis.Simulation.Devices;
using Jarvis.Simulation.Mqtt;
using MQTTnet.Protocol;

namespace Jarvis.Simulation;

/// <summary>
/// Simulated devices on a real broker, for people without hardware, tests and benchmarks:
/// <see cref="StartAsync"/> connects every gateway (with its will) and announces its devices;
/// commands are obeyed from then on; <see cref="RunReadingsAsync"/> or <see cref="RunLoadAsync"/>
/// make traffic; <see cref="StopAsync"/> says goodbye, <see cref="Kill"/> dies without one.
/// </summary>
public sealed class DeviceSimulator : IAsyncDisposable
{
    private const int ConnectParallelism = 16;
    private readonly Fleet _fleet;
    private readonly List<GatewayConnection> _connections = [];
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private readonly TextWriter? _log;
    private bool _started;
    private bool _ended;

    public DeviceSimulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _fleet = Fleet.Build(options);
        _random = new Random(options.Seed);
        _log = options.Log;
    }

    /// <summary>A command reached a device and it carried it out (its new state is already published).</summary>
    public event EventHandler<ObeyedCommand>? CommandObeyed;

    /// <summary>A gateway published its discovery configs and states.</summary>
    public event EventHandler<Announcement>? Announced;

    public SimulatorOptions Options { get; }

    public IReadOnlyList<Gateway> Gateways => _fleet.Gateways;

    public IReadOnlyList<SimulatedDevice> Devices => _fleet.Devices;

    public int EntityCount => _fleet.EntityCount(Options.DiscoveryPrefix);

    /// <summary>Every discovery config the devices publish.</summary>
    public IReadOnlyList<DiscoveryConfig> Discovery() => [.. Devices.SelectMany(d => d.Discovery(Options.DiscoveryPrefix))];

    /// <summary>Connects every gateway and announces its devices: status online, discovery (retained), availability, state.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("The simulator has already started.");
        }

        _started = true;
        foreach (var gateway in Gateways)
        {
            _connections.Add(new GatewayConnection(gateway, Options, OnMessageAsync, (c, ct) => AnnounceAsync(c, "reconnected", ct)));
        }

        await Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken },
            async (connection, ct) =>
            {
                await connection.ConnectAsync(ct);
                await AnnounceAsync(connection, "connected", ct);
            });
        _log?.WriteLine($"{Devices.Count} devices ({EntityCount} entities) on {Gateways.Count} connections to {Options.Broker}.");
    }

    /// <summary>The default mode: every device with sensors reports a reading every <see cref="SimulatorOptions.ReadingInterval"/> (±25%) until cancelled.</summary>
    public async Task RunReadingsAsync(CancellationToken cancellationToken)
    {
        EnsureRunning();
        var loops = _connections.SelectMany(c => c.Gateway.Devices.Where(d => d.ReadingCount > 0).Select(d => ReportAsync(c, d, cancellationToken)));
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Load mode: <paramref name="rate"/> readings a second for <paramref name="duration"/>, spread round-robin over
    /// every sensor entity, each published with QoS 1 and counted when the broker acknowledges it.
    /// </summary>
    public async Task<LoadResult> RunLoadAsync(double rate, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(rate, 0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var slots = _connections
            .SelectMany(c => c.Gateway.Devices.SelectMany(d => Enumerable.Repeat((Connection: c, Device: d), d.ReadingCount)))
            .ToArray();
        if (slots.Length == 0)
        {
            throw new InvalidOperationException("No simulated device reports readings.");
        }

        var total = (long)Math.Round(rate * duration.TotalSeconds);
        var pending = new List<Task<bool>>((int)Math.Min(total, 1_000_000));
        long published = 0;
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < total; i++)
        {
            var wait = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            var (connection, device) = slots[i % slots.Length];
            var message = Reading(device);
            pending.Add(Acknowledged(connection.PublishAsync(message, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken)));
            published++;
        }

        var results = await Task.WhenAll(pending);
        clock.Stop();
        return new LoadResult(published, results.LongCount(ok => ok), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Says goodbye as the real firmware does (status offline, retained), then disconnects cleanly.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_started || _ended)
        {
            return;
        }

        _ended = true;
        foreach (var connection in _connections.Where(c => c.IsConnected))
        {
            try
            {
                var gateway = connection.Gateway;
                await connection.PublishAllAsync([.. gateway.Devices.SelectMany(d => d.Availability(online: false)), gateway.Offline],
                    MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
                await connection.DisconnectAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
            {
                _log?.WriteLine($"{connection.Gateway.Name}: could not say goodbye: {ex.Message}");
            }
        }
    }

    /// <summary>Drops every connection without a DISCONNECT, as a crash does: the broker publishes each gateway's will.</summary>
    public void Kill()
    {
        _ended = true;
        foreach (var connection in _connections)
        {
            connection.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private void EnsureRunning()
    {
        if (!_started || _ended)
        {
            throw new InvalidOperationException("The simulator is not running; call StartAsync first.");
        }
    }

    private async Task AnnounceAsync(GatewayConnection connection, string reason, CancellationToken cancellationToken)
    {
        var gateway = connection.Gateway;
        var configs = gateway.Devices.SelectMany(d => d.Discovery(Options.DiscoveryPrefix)).ToList();
        await connection.PublishAsync(gateway.Online, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        await connection.PublishAllAsync(configs.Select(c => c.ToMessage()), MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        await connection.PublishAllAsync(gateway.Devices.SelectMany(d => d.Availability(online: true)), MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        await connection.PublishAllAsync(gateway.Devices.SelectMany(d => d.State()), null, cancellationToken);
        Announced?.Invoke(this, new Announcement(gateway, configs.Count, reason));
    }

    private async Task OnMessageAsync(GatewayConnection connection, string topic, string payload, CancellationToken cancellationToken)
    {
        if (topic == $"{Options.DiscoveryPrefix}/status")
        {
            if (payload.Trim().Equals("online", StringComparison.OrdinalIgnoreCase))
            {
                await AnnounceAsync(connection, "homeassistant online", cancellationToken);
            }

            return;
        }

        if (connection.Gateway.DeviceFor(topic) is not { } device)
        {
            return;
        }

        if (device.Obey(topic, payload) is not { } replies)
        {
            _log?.WriteLine($"{device.Name}: ignored {topic} '{payload}'");
            return;
        }

        await connection.PublishAllAsync(replies, null, cancellationToken);
        _log?.WriteLine($"{device.Name}: obeyed {topic} '{payload}'");
        CommandObeyed?.Invoke(this, new ObeyedCommand(device, topic, payload, replies));
    }

    private async Task ReportAsync(GatewayConnection connection, SimulatedDevice device, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            double jitter;
            lock (_randomGate)
            {
                jitter = 0.75 + (_random.NextDouble() * 0.5);
            }

            await Task.Delay(Options.ReadingInterval * jitter, cancellationToken);
            if (!connection.IsConnected)
            {
                continue;
            }

            try
            {
                await connection.PublishAsync(Reading(device), null, cancellationToken);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The connection went between the check and the publish; its keeper brings it back.
            }
        }
    }

    private OutgoingMessage Reading(SimulatedDevice device)
    {
        lock (_randomGate)
        {
            return device.Reading(_random);
        }
    }

    private static async Task<bool> Acknowledged(Task<bool> publish)
    {
        try
        {
            return await publish;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            return false;
        }
    }
}
