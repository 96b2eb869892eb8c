namespace Jarvis.Simulation.Devices;

/// <summary>
/// One device in the shape a real bridge or firmware gives it on MQTT: its discovery configs, its
/// state messages, the commands it obeys and the readings it reports. Safe to use from several
/// threads: commands and readings change the state under one lock.
/// </summary>
public abstract class SimulatedDevice
{
    private readonly Lock _gate = new();

    protected SimulatedDevice(string name, string id)
    {
        Name = name;
        Id = id;
    }

    /// <summary>The name the device goes by on the bus: a Zigbee2MQTT friendly name, a Tasmota topic, an ESPHome node.</summary>
    public string Name { get; }

    /// <summary>Its hardware address (IEEE or MAC), the root of its unique ids.</summary>
    public string Id { get; }

    public abstract DeviceFamily Family { get; }

    /// <summary>Topics the device takes commands on (exact, no wildcards).</summary>
    public abstract IReadOnlyList<string> CommandTopics { get; }

    /// <summary>How many of its entities report readings (sensors, binary sensors, measured temperatures).</summary>
    public virtual int ReadingCount => 0;

    /// <summary>Its discovery configs under <paramref name="prefix"/>, one per entity.</summary>
    public abstract IReadOnlyList<DiscoveryConfig> Discovery(string prefix);

    /// <summary>Its current state, as it publishes it when asked or after a restart.</summary>
    public IReadOnlyList<OutgoingMessage> State()
    {
        lock (_gate)
        {
            return CurrentState();
        }
    }

    /// <summary>Messages saying whether the device itself is reachable, beside its gateway's own status.</summary>
    public virtual IReadOnlyList<OutgoingMessage> Availability(bool online) => [];

    /// <summary>Carries out a command the way the real device does; null when the topic or payload means nothing to it.</summary>
    public IReadOnlyList<OutgoingMessage>? Obey(string topic, string payload)
    {
        lock (_gate)
        {
            return Apply(topic, payload);
        }
    }

    /// <summary>A new reading (a sensor's value drifting), as the message the device would send.</summary>
    public OutgoingMessage Reading(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (ReadingCount == 0)
        {
            throw new InvalidOperationException($"{Name} reports no readings.");
        }

        lock (_gate)
        {
            return NextReading(random);
        }
    }

    protected abstract IReadOnlyList<OutgoingMessage> CurrentState();

    protected abstract IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload);

    protected virtual OutgoingMessage NextReading(Random random) => throw new NotSupportedException();

    /// <summary>A value that wanders within bounds, as a real sensor's does.</summary>
    protected static double Drift(Random random, double value, double step, double min, double max) =>
        Math.Round(Math.Clamp(value + ((random.NextDouble() * 2) - 1) * step, min, max), 1);

    /// <summary>Home Assistant's slug: lower case, anything but letters and digits as one underscore.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slug = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '_')
            {
                slug.Append('_');
            }
        }

        return slug.ToString().TrimEnd('_');
    }
}
