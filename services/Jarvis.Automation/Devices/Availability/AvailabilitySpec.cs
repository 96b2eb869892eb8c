using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Discovery;

namespace Jarvis.Automation.Devices.Availability;

/// <summary>
/// An entity's availability: <c>availability_topic</c> or the <c>availability</c> list, combined by
/// <see cref="Mode"/>. With no topics at all the entity is always available, as in Home Assistant.
/// </summary>
public sealed record AvailabilitySpec(AvailabilityMode Mode, IReadOnlyList<AvailabilityEntry> Entries)
{
    /// <summary>No availability topics: always available.</summary>
    public static AvailabilitySpec Always { get; } = new(AvailabilityMode.Latest, []);

    /// <summary>The topics to subscribe to.</summary>
    public IEnumerable<string> Topics => Entries.Select(e => e.Topic).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Whether the entity is available, given the latest payload seen on each availability topic and which of
    /// them was heard from last (used by <see cref="AvailabilityMode.Latest"/>). A topic not yet heard from, or
    /// whose payload matches neither payload, counts as unknown. Pure: no state is kept here.
    /// </summary>
    public AvailabilityStatus Evaluate(IReadOnlyDictionary<string, string> latestPayloadByTopic, string? mostRecentTopic = null)
    {
        ArgumentNullException.ThrowIfNull(latestPayloadByTopic);
        if (Entries.Count == 0)
        {
            return AvailabilityStatus.Available;
        }

        var statuses = Entries
            .Select(e => latestPayloadByTopic.TryGetValue(e.Topic, out var payload) ? e.Read(payload) : AvailabilityStatus.Unknown)
            .ToList();
        return Mode switch
        {
            AvailabilityMode.All => statuses.Contains(AvailabilityStatus.Unavailable) ? AvailabilityStatus.Unavailable
                : statuses.TrueForAll(s => s == AvailabilityStatus.Available) ? AvailabilityStatus.Available
                : AvailabilityStatus.Unknown,
            AvailabilityMode.Any => statuses.Contains(AvailabilityStatus.Available) ? AvailabilityStatus.Available
                : statuses.TrueForAll(s => s == AvailabilityStatus.Unavailable) ? AvailabilityStatus.Unavailable
                : AvailabilityStatus.Unknown,
            _ => Latest(latestPayloadByTopic, mostRecentTopic),
        };
    }

    private AvailabilityStatus Latest(IReadOnlyDictionary<string, string> payloads, string? mostRecentTopic)
    {
        var entries = Entries.Where(e => e.Topic == mostRecentTopic).ToList();
        if (entries.Count == 0 && Entries.Count == 1)
        {
            entries.Add(Entries[0]);
        }

        foreach (var entry in entries)
        {
            if (payloads.TryGetValue(entry.Topic, out var payload) && entry.Read(payload) is var status and not AvailabilityStatus.Unknown)
            {
                return status;
            }
        }

        return AvailabilityStatus.Unknown;
    }

    internal static AvailabilitySpec From(ConfigReader reader)
    {
        var defaultAvailable = reader.Payload("payload_available", "online");
        var defaultNotAvailable = reader.Payload("payload_not_available", "offline");
        var modeText = reader.Text("availability_mode") ?? "latest";
        if (!Enum.TryParse<AvailabilityMode>(modeText, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            reader.Problems.Add($"availability_mode must be all, any or latest, got '{modeText}'");
            mode = AvailabilityMode.Latest;
        }

        var entries = new List<AvailabilityEntry>();
        var single = reader.Topic("availability_topic");
        if (single is not null)
        {
            entries.Add(new AvailabilityEntry(single, defaultAvailable, defaultNotAvailable, reader.Template("availability_template")));
        }

        var list = reader.Config["availability"];
        if (list is not null && single is not null)
        {
            reader.Problems.Add("availability_topic and availability cannot both be set");
        }
        else if (list is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not JsonObject entry)
                {
                    reader.Problems.Add($"each availability entry must be an object with a topic, got {item?.ToJsonString() ?? "null"}");
                    continue;
                }

                var inner = new ConfigReader(entry, reader.Limits);
                var topic = inner.Topic("topic");
                var template = inner.Template("value_template");
                if (topic is null)
                {
                    inner.Problems.Add("each availability entry needs a topic");
                }
                else
                {
                    entries.Add(new AvailabilityEntry(topic, inner.Payload("payload_available", defaultAvailable), inner.Payload("payload_not_available", defaultNotAvailable), template));
                }

                reader.Problems.AddRange(inner.Problems.Select(p => "availability: " + p));
            }
        }
        else if (list is not null)
        {
            reader.Problems.Add("availability must be a list of {topic, payload_available, payload_not_available}");
        }

        return entries.Count == 0 ? Always : new AvailabilitySpec(mode, entries);
    }
}
