namespace Jarvis.Automation.Mqtt;

/// <summary>
/// Configuration section <c>Automation:Mqtt</c>, validated at start (<see cref="MqttOptionsValidator"/>).
/// The broker's address (and any credentials) come from <c>ConnectionStrings:mqtt</c>.
/// </summary>
public sealed record MqttOptions
{
    public const string SectionName = "Automation:Mqtt";

    /// <summary>How long the broker keeps this replica's session (subscriptions and QoS 1 messages) while it is away.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The first reconnect delay; each failed attempt doubles it.</summary>
    public TimeSpan FirstReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How much of a delay is random: 0.2 means each delay lies between 80 % and 100 % of its nominal value.</summary>
    public double ReconnectJitter { get; init; } = 0.2;

    /// <summary>How long one connect attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT keep-alive: how soon a silent broker is noticed.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Home Assistant's discovery prefix; <c>&lt;prefix&gt;/status</c> <c>online</c> is published after each connect.</summary>
    public string DiscoveryPrefix { get; init; } = "homeassistant";

    /// <summary>How often a failing message handler is tried before the message goes to the dead letters.</summary>
    public int HandlerAttempts { get; init; } = 3;

    /// <summary>
    /// At most how many received messages are stored in one transaction and then acknowledged together: those that
    /// arrived while the previous batch was being stored. The broker's in-flight window (Mosquitto's
    /// <c>max_inflight_messages</c>) bounds it too.
    /// </summary>
    public int InboundBatchSize { get; init; } = 500;

    /// <summary>An outbox message not published within this time is marked <c>expired</c> instead.</summary>
    public TimeSpan OutboxTimeToLive { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the outbox looks for messages other replicas queued (its own wake it at once).</summary>
    public TimeSpan OutboxPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many topics' oldest messages one outbox round publishes.</summary>
    public int OutboxBatchSize { get; init; } = 100;
}
