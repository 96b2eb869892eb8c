using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Availability;
using Jarvis.ServiceDefaults.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Current state and history. A message that leaves state, attributes, availability and error as they are writes
/// nothing, so a redelivered duplicate adds no history row; one that changes them updates the current state and,
/// when state, attributes or availability changed, adds a history row (the event's id) and notifies every replica.
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

    /// <summary>Applies the updates in one transaction; returns how many history rows it added.</summary>
    public async Task<int> ApplyAsync(IReadOnlyList<StateUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return 0;
        }

        var added = 0;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var group in updates.GroupBy(u => u.Row))
        {
            added += await ApplyAsync(connection, transaction, [.. group], cancellationToken);
        }

        if (added > 0)
        {
            await using var notify = new NpgsqlCommand($"NOTIFY {Channel}", connection, transaction);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (added > 0)
        {
            feed.Wake();
        }

        return added;
    }

    private static async Task<int> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<StateUpdate> updates, CancellationToken cancellationToken)
    {
        var row = updates[0].Row;
        var entity = updates[0].Entity;
        await using (var ensure = new NpgsqlCommand(
            "INSERT INTO automation.entity_states (entity) SELECT @entity WHERE EXISTS (SELECT 1 FROM automation.entities WHERE id = @entity) ON CONFLICT DO NOTHING",
            connection, transaction))
        {
            ensure.Parameters.AddWithValue("entity", row);
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }

        string? state;
        JsonObject attributes;
        bool? available;
        JsonObject availability;
        string? latest;
        string? error;
        await using (var select = new NpgsqlCommand("""
            SELECT state, attributes::text, available, availability::text, availability_latest, error
            FROM automation.entity_states WHERE entity = @entity FOR UPDATE
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("entity", row);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return 0; // removed meanwhile
            }

            state = reader.IsDBNull(0) ? null : reader.GetString(0);
            attributes = JsonNode.Parse(reader.GetString(1)) as JsonObject ?? [];
            available = reader.IsDBNull(2) ? null : reader.GetBoolean(2);
            availability = JsonNode.Parse(reader.GetString(3)) as JsonObject ?? [];
            latest = reader.IsDBNull(4) ? null : reader.GetString(4);
            error = reader.IsDBNull(5) ? null : reader.GetString(5);
        }

        var next = (State: state, Attributes: (JsonObject)attributes.DeepClone(), Available: available, Availability: (JsonObject)availability.DeepClone(), Latest: latest, Error: error);
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
                next.Available = ToAvailable(entity.Availability.Evaluate(payloads, topic));
            }
        }

        var stateChanged = next.State != state;
        var attributesChanged = !JsonNode.DeepEquals(next.Attributes, attributes);
        var availableChanged = next.Available != available;
        if (!stateChanged && !attributesChanged && !availableChanged && next.Error == error && next.Latest == latest
            && JsonNode.DeepEquals(next.Availability, availability))
        {
            return 0; // a duplicate, or a message that repeats the current state
        }

        var recorded = stateChanged || attributesChanged || availableChanged;
        await using (var update = new NpgsqlCommand("""
            UPDATE automation.entity_states
            SET state = @state, attributes = @attributes, available = @available, availability = @availability,
                availability_latest = @latest, error = @error,
                last_changed = CASE WHEN @state_changed THEN now() ELSE last_changed END,
                last_updated = CASE WHEN @recorded THEN now() ELSE last_updated END
            WHERE entity = @entity
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("entity", row);
            update.Parameters.Add(new NpgsqlParameter<string?>("state", next.State) { NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter<string>("attributes", next.Attributes.ToJsonString()) { NpgsqlDbType = NpgsqlDbType.Jsonb });
            update.Parameters.Add(new NpgsqlParameter<bool?>("available", next.Available) { NpgsqlDbType = NpgsqlDbType.Boolean });
            update.Parameters.Add(new NpgsqlParameter<string>("availability", next.Availability.ToJsonString()) { NpgsqlDbType = NpgsqlDbType.Jsonb });
            update.Parameters.Add(new NpgsqlParameter<string?>("latest", next.Latest) { NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter<string?>("error", next.Error) { NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.AddWithValue("state_changed", stateChanged);
            update.Parameters.AddWithValue("recorded", recorded);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!recorded)
        {
            return 0;
        }

        await using var history = new NpgsqlCommand("""
            INSERT INTO automation.state_history (entity, kind, state, attributes, available)
            VALUES (@entity, @kind, @state, @attributes, @available)
            """, connection, transaction);
        history.Parameters.AddWithValue("entity", row);
        history.Parameters.AddWithValue("kind", stateChanged || attributesChanged ? "state" : "availability");
        history.Parameters.Add(new NpgsqlParameter<string?>("state", next.State) { NpgsqlDbType = NpgsqlDbType.Text });
        history.Parameters.Add(new NpgsqlParameter<string>("attributes", next.Attributes.ToJsonString()) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        history.Parameters.Add(new NpgsqlParameter<bool?>("available", next.Available) { NpgsqlDbType = NpgsqlDbType.Boolean });
        await history.ExecuteNonQueryAsync(cancellationToken);
        return 1;
    }
}
