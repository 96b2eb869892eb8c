using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Availability;
using Jarvis.Automation.Model;
using Jarvis.ServiceDefaults.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Current state and history, a batch of messages in one transaction of three round trips: the entities' rows are
/// locked and read, the messages are applied to them in memory in the order they came, and the rows, the history and
/// the <c>NOTIFY</c> are written together. A message that leaves state, attributes, availability and error as they are
/// writes nothing, so a redelivered duplicate adds no history row; each message that changes state, attributes or
/// availability adds its own history row (an event), so a light switched on and off within one batch shows both.
/// </summary>
public sealed class StateStore(NpgsqlDataSource database, DeviceEventFeed feed)
{
    /// <summary>The LISTEN/NOTIFY channel history rows are announced on (a wake-up; the rows are read from the table).</summary>
    public const string Channel = "automation_device_events";

    public static bool? ToAvailable(AvailabilityStatus status) => status switch
    {
        AvailabilityStatus.Available => true,
        AvailabilityStatus.Unavailable => false,
        _ => null,
    };

    /// <summary>
    /// Applies each message's updates, in order, in one transaction, and records the packet ids of
    /// <paramref name="clientId"/>'s QoS 1 messages with them; a resend of a message stored already is skipped.
    /// Returns the history rows it added (the events), oldest first, once committed.
    /// </summary>
    public async Task<IReadOnlyList<StateEvent>> ApplyAsync(string clientId, IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var rows = messages.SelectMany(m => m.Updates).Select(u => u.Row).Distinct().Order().ToArray();
        var recorded = messages.Where(m => m.Recorded).ToList();
        if (rows.Length == 0 && recorded.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (current, stored) = await ReadAsync(connection, transaction, clientId, rows, [.. recorded.Where(m => m.IsDuplicate)], cancellationToken);
        var history = new List<(Guid Row, string Kind, string? State, JsonObject Attributes, bool? Available)>();
        foreach (var message in messages)
        {
            if (message.IsDuplicate && stored.Contains(message))
            {
                continue; // the broker's resend of a message this client stored before a crash
            }

            foreach (var group in message.Updates.GroupBy(u => u.Row))
            {
                if (current.TryGetValue(group.Key, out var entity) && Apply(entity, group) is { } kind)
                {
                    history.Add((group.Key, kind, entity.State, (JsonObject)entity.Attributes.DeepClone(), entity.Available));
                }
            }
        }

        var events = await WriteAsync(connection, transaction, clientId, current, history, recorded, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (events.Count > 0)
        {
            feed.Wake();
        }

        return events;
    }

    private static async Task<(Dictionary<Guid, StoredEntityState> Current, HashSet<ReceivedMessage> Stored)> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string clientId, Guid[] rows, List<ReceivedMessage> resent, CancellationToken cancellationToken)
    {
        var current = new Dictionary<Guid, StoredEntityState>(rows.Length);
        var stored = new HashSet<ReceivedMessage>();
        if (rows.Length == 0 && resent.Count == 0)
        {
            return (current, stored);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        if (rows.Length > 0)
        {
            var ensure = new NpgsqlBatchCommand("""
                INSERT INTO automation.entity_states (entity)
                SELECT e.id FROM automation.entities e WHERE e.id = ANY(@rows)
                ON CONFLICT DO NOTHING
                """);
            ensure.Parameters.Add(new NpgsqlParameter<Guid[]>("rows", rows));
            batch.BatchCommands.Add(ensure);

            // Locked in id order, so two replicas storing overlapping batches cannot deadlock.
            var select = new NpgsqlBatchCommand("""
                SELECT s.entity, e.entity_id, s.state, s.attributes::text, s.available, s.availability::text, s.availability_latest, s.error
                FROM automation.entity_states s JOIN automation.entities e ON e.id = s.entity
                WHERE s.entity = ANY(@rows) ORDER BY s.entity FOR UPDATE OF s
                """);
            select.Parameters.Add(new NpgsqlParameter<Guid[]>("rows", rows));
            batch.BatchCommands.Add(select);
        }

        if (resent.Count > 0)
        {
            var known = new NpgsqlBatchCommand("""
                SELECT packet_id, topic, payload_hash FROM automation.mqtt_received
                WHERE client_id = @client AND packet_id = ANY(@ids)
                """);
            known.Parameters.Add(new NpgsqlParameter<string>("client", clientId));
            known.Parameters.Add(new NpgsqlParameter<int[]>("ids", [.. resent.Select(m => (int)m.PacketId)]));
            batch.BatchCommands.Add(known);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (rows.Length > 0)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                current[reader.GetGuid(0)] = new StoredEntityState(
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    JsonNode.Parse(reader.GetString(3)) as JsonObject ?? [],
                    reader.IsDBNull(4) ? null : reader.GetBoolean(4),
                    JsonNode.Parse(reader.GetString(5)) as JsonObject ?? [],
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7));
            }

            await reader.NextResultAsync(cancellationToken);
        }

        if (resent.Count > 0)
        {
            var records = new Dictionary<int, (string Topic, byte[] Hash)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                records[reader.GetInt32(0)] = (reader.GetString(1), reader.GetFieldValue<byte[]>(2));
            }

            foreach (var message in resent)
            {
                if (records.TryGetValue(message.PacketId, out var record) && record.Topic == message.Topic && record.Hash.AsSpan().SequenceEqual(message.PayloadHash))
                {
                    stored.Add(message);
                }
            }
        }

        return (current, stored);
    }

    /// <summary>One message's updates to one entity; returns the history row's kind when it adds one.</summary>
    private static string? Apply(StoredEntityState stored, IEnumerable<StateUpdate> updates)
    {
        var state = stored.State;
        var attributes = stored.Attributes;
        var available = stored.Available;
        var next = (State: state, Attributes: (JsonObject)attributes.DeepClone(), Available: available, Availability: (JsonObject)stored.Availability.DeepClone(), Latest: stored.Latest, Error: stored.Error);
        foreach (var update in updates)
        {
            if (update.Error is { } refused)
            {
                next.Error = StorableText.IsStorable(refused) ? refused : "the message could not be read";
            }

            if (update.Change is { } change)
            {
                if (!StorableText.IsStorable(change.State) || StorableText.Find(change.Attributes, "attributes") is not null)
                {
                    next.Error = "the state holds text that cannot be stored (NUL or an unpaired surrogate)";
                    continue;
                }

                next.State = change.State ?? next.State;
                foreach (var (key, value) in change.Attributes)
                {
                    next.Attributes[key] = value?.DeepClone();
                }

                next.Error = null;
            }

            if (update.AvailabilityTopic is { } topic && update.AvailabilityPayload is { } payload)
            {
                next.Availability[topic] = StorableText.IsStorable(payload) ? payload : string.Empty;
                next.Latest = topic;
                var payloads = next.Availability.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? string.Empty);
                next.Available = ToAvailable(update.Entity.Availability.Evaluate(payloads, topic));
            }
        }

        var stateChanged = next.State != state;
        var attributesChanged = !JsonNode.DeepEquals(next.Attributes, attributes);
        var availableChanged = next.Available != available;
        if (!stateChanged && !attributesChanged && !availableChanged && next.Error == stored.Error && next.Latest == stored.Latest
            && JsonNode.DeepEquals(next.Availability, stored.Availability))
        {
            return null; // a duplicate, or a message that repeats the current state
        }

        stored.State = next.State;
        stored.Attributes = next.Attributes;
        stored.Available = next.Available;
        stored.Availability = next.Availability;
        stored.Latest = next.Latest;
        stored.Error = next.Error;
        stored.Dirty = true;
        stored.StateChanged |= stateChanged;
        if (!stateChanged && !attributesChanged && !availableChanged)
        {
            return null;
        }

        stored.Recorded = true;
        return stateChanged || attributesChanged ? "state" : "availability";
    }

    private static async Task<List<StateEvent>> WriteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string clientId,
        Dictionary<Guid, StoredEntityState> current,
        List<(Guid Row, string Kind, string? State, JsonObject Attributes, bool? Available)> history,
        List<ReceivedMessage> recorded,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var dirty = current.Where(c => c.Value.Dirty).ToList();
        if (dirty.Count > 0)
        {
            batch.BatchCommands.Add(UpdateStates(dirty));
        }

        if (recorded.Count > 0)
        {
            // The last message under each id (ids are unique among unacknowledged messages; a resend repeats one).
            var last = recorded.GroupBy(m => m.PacketId).Select(g => g.Last()).ToList();
            var record = new NpgsqlBatchCommand("""
                INSERT INTO automation.mqtt_received (client_id, packet_id, topic, payload_hash)
                SELECT @client, r.packet_id, r.topic, r.payload_hash FROM unnest(@ids, @topics, @hashes) AS r(packet_id, topic, payload_hash)
                ON CONFLICT (client_id, packet_id) DO UPDATE
                SET topic = EXCLUDED.topic, payload_hash = EXCLUDED.payload_hash, stored_at = now()
                """);
            record.Parameters.Add(new NpgsqlParameter<string>("client", clientId));
            record.Parameters.Add(new NpgsqlParameter<int[]>("ids", [.. last.Select(m => (int)m.PacketId)]));
            record.Parameters.Add(new NpgsqlParameter<string[]>("topics", [.. last.Select(m => m.Topic)]));
            record.Parameters.Add(new NpgsqlParameter<byte[][]>("hashes", [.. last.Select(m => m.PayloadHash)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(record);
        }

        if (history.Count > 0)
        {
            // WITH ORDINALITY and ORDER BY: the ids follow the order the messages came in.
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO automation.state_history (entity, kind, state, attributes, available)
                SELECT h.entity, h.kind, h.state, h.attributes, h.available
                FROM unnest(@entity, @kind, @state, @attributes, @available) WITH ORDINALITY AS h(entity, kind, state, attributes, available, n)
                ORDER BY h.n
                RETURNING id, recorded_at
                """);
            insert.Parameters.Add(new NpgsqlParameter<Guid[]>("entity", [.. history.Select(h => h.Row)]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("kind", [.. history.Select(h => h.Kind)]));
            insert.Parameters.Add(new NpgsqlParameter<string?[]>("state", [.. history.Select(h => h.State)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<string[]>("attributes", [.. history.Select(h => h.Attributes.ToJsonString())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter<bool?[]>("available", [.. history.Select(h => h.Available)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
            batch.BatchCommands.Add(insert);
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"NOTIFY {Channel}"));
        }

        if (batch.BatchCommands.Count == 0)
        {
            return [];
        }

        var ids = new List<(long Id, DateTimeOffset At)>(history.Count);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (history.Count > 0 && await reader.ReadAsync(cancellationToken))
            {
                ids.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }

        // RETURNING gives the rows in insertion order, which ORDER BY n made the messages' order; sorting the ids
        // keeps it so whatever the executor did.
        ids.Sort((a, b) => a.Id.CompareTo(b.Id));
        var events = new List<StateEvent>(history.Count);
        for (var i = 0; i < history.Count && i < ids.Count; i++)
        {
            var h = history[i];
            events.Add(new StateEvent(ids[i].Id, current[h.Row].EntityId, h.Kind, h.State, h.Attributes, h.Available, ids[i].At));
        }

        return events;
    }

    private static NpgsqlBatchCommand UpdateStates(List<KeyValuePair<Guid, StoredEntityState>> dirty)
    {
        var update = new NpgsqlBatchCommand("""
            UPDATE automation.entity_states s
            SET state = u.state, attributes = u.attributes, available = u.available, availability = u.availability,
                availability_latest = u.latest, error = u.error,
                last_changed = CASE WHEN u.state_changed THEN now() ELSE s.last_changed END,
                last_updated = CASE WHEN u.recorded THEN now() ELSE s.last_updated END
            FROM unnest(@entity, @state, @attributes, @available, @availability, @latest, @error, @state_changed, @recorded)
                AS u(entity, state, attributes, available, availability, latest, error, state_changed, recorded)
            WHERE s.entity = u.entity
            """);
        var states = dirty.Select(d => d.Value).ToList();
        update.Parameters.Add(new NpgsqlParameter<Guid[]>("entity", [.. dirty.Select(d => d.Key)]));
        update.Parameters.Add(new NpgsqlParameter<string?[]>("state", [.. states.Select(s => s.State)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter<string[]>("attributes", [.. states.Select(s => s.Attributes.ToJsonString())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        update.Parameters.Add(new NpgsqlParameter<bool?[]>("available", [.. states.Select(s => s.Available)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        update.Parameters.Add(new NpgsqlParameter<string[]>("availability", [.. states.Select(s => s.Availability.ToJsonString())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        update.Parameters.Add(new NpgsqlParameter<string?[]>("latest", [.. states.Select(s => s.Latest)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter<string?[]>("error", [.. states.Select(s => s.Error)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter<bool[]>("state_changed", [.. states.Select(s => s.StateChanged)]));
        update.Parameters.Add(new NpgsqlParameter<bool[]>("recorded", [.. states.Select(s => s.Recorded)]));
        return update;
    }
}
