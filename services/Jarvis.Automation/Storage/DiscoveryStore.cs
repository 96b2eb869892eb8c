using System.Text.Json.Nodes;
using Jarvis.Automation.Devices;
using Jarvis.Automation.Devices.Availability;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.ServiceDefaults.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Stores what discovery changed: devices upserted by their first identifier, entities by their discovery key,
/// removed entities deleted (a device without entities goes with them). Every replica stores every change; one
/// transaction-scoped advisory lock orders them, and an entity id another replica stored first is taken over.
/// </summary>
public sealed class DiscoveryStore(NpgsqlDataSource database, DeviceCatalog catalog)
{
    // "JRVDISCO" in ASCII: discovery writes of every replica, one at a time.
    private const long LockKey = 0x4A52564449534355;

    /// <summary>Stores the changes; returns the entities added or updated, with their row ids.</summary>
    public async Task<IReadOnlyList<(Guid Row, DiscoveredEntity Entity)>> SaveAsync(IReadOnlyList<DiscoveryChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var stored = changes.Where(c => c.Kind != DiscoveryChangeKind.Rejected && c.Entity is not null).ToList();
        if (stored.Count == 0)
        {
            return [];
        }

        // In the order they came: a batch may add an entity and remove it again.
        var done = new List<(DiscoveryKey Key, DiscoveredEntity? Entity, Guid Row)>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var change in stored)
        {
            var entity = Storable(change.Entity!);
            if (change.Kind == DiscoveryChangeKind.Removed)
            {
                await RemoveAsync(connection, transaction, entity.Key, cancellationToken);
                done.Add((entity.Key, null, Guid.Empty));
            }
            else
            {
                var device = await UpsertDeviceAsync(connection, transaction, entity.Device, cancellationToken);
                done.Add((entity.Key, entity, await UpsertEntityAsync(connection, transaction, entity, device, cancellationToken)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var tracked = new Dictionary<DiscoveryKey, (Guid Row, DiscoveredEntity Entity)>();
        foreach (var (key, entity, row) in done)
        {
            if (entity is null)
            {
                catalog.Forget(key);
                tracked.Remove(key);
            }
            else
            {
                catalog.Track(entity, row);
                tracked[key] = (row, entity);
            }
        }

        return [.. tracked.Values];
    }

    /// <summary>PostgreSQL refuses NUL and lone surrogates in jsonb: such a config is kept as an invalid entity, visibly.</summary>
    private static DiscoveredEntity Storable(DiscoveredEntity entity)
    {
        if (StorableText.Refusal(entity.Component) is { } badComponent)
        {
            entity = entity with { Component = "unknown", Support = EntitySupport.Invalid, Problem = $"the component {badComponent}", Config = null };
        }

        if (StorableText.Find(JsonNode.Parse(entity.ConfigJson), "config") is not { } refused)
        {
            return entity;
        }

        return entity with
        {
            Support = EntitySupport.Invalid,
            Problem = $"{refused.Path} {refused.Refusal}; the config cannot be stored",
            ConfigJson = "{}",
            Config = null,
            Name = null,
            UniqueId = null,
            Device = null,
            Availability = AvailabilitySpec.Always,
        };
    }

    private static async Task RemoveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DiscoveryKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH gone AS (DELETE FROM automation.entities WHERE discovery_key = @key RETURNING device_id)
            DELETE FROM automation.devices d USING gone
            WHERE d.id = gone.device_id
              AND NOT EXISTS (SELECT 1 FROM automation.entities e WHERE e.device_id = d.id AND e.discovery_key <> @key)
            """, connection, transaction);
        command.Parameters.AddWithValue("key", key.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Guid?> UpsertDeviceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DeviceInfo? device, CancellationToken cancellationToken)
    {
        var identifier = device is null ? null : device.Identifiers.Count > 0 ? device.Identifiers[0] : device.Connections.Count > 0 ? device.Connections[0] : null;
        if (device is null || string.IsNullOrEmpty(identifier))
        {
            return null;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO automation.devices (id, identifier, identifiers, connections, name, manufacturer, model, sw_version,
                                            hw_version, suggested_area, via_device, configuration_url)
            VALUES (@id, @identifier, @identifiers, @connections, @name, @manufacturer, @model, @sw, @hw, @area, @via, @url)
            ON CONFLICT (identifier) DO UPDATE SET
                identifiers = EXCLUDED.identifiers, connections = EXCLUDED.connections, name = EXCLUDED.name,
                manufacturer = EXCLUDED.manufacturer, model = EXCLUDED.model, sw_version = EXCLUDED.sw_version,
                hw_version = EXCLUDED.hw_version, suggested_area = EXCLUDED.suggested_area, via_device = EXCLUDED.via_device,
                configuration_url = EXCLUDED.configuration_url, updated_at = now()
            RETURNING id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("identifier", identifier);
        command.Parameters.AddWithValue("identifiers", device.Identifiers.ToArray());
        command.Parameters.AddWithValue("connections", device.Connections.ToArray());
        AddText(command, "name", device.Name);
        AddText(command, "manufacturer", device.Manufacturer);
        AddText(command, "model", device.Model);
        AddText(command, "sw", device.SoftwareVersion);
        AddText(command, "hw", device.HardwareVersion);
        AddText(command, "area", device.SuggestedArea);
        AddText(command, "via", device.ViaDevice);
        AddText(command, "url", device.ConfigurationUrl);
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<Guid> UpsertEntityAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DiscoveredEntity entity, Guid? device, CancellationToken cancellationToken)
    {
        await using (var update = new NpgsqlCommand("""
            UPDATE automation.entities
            SET discovery_topic = @topic, component = @component, device_id = @device, config = @config, support = @support,
                problem = @problem, name = @name, unique_id = @unique, updated_at = now()
            WHERE discovery_key = @key
            RETURNING id, entity_id
            """, connection, transaction))
        {
            AddEntity(update, entity, device);
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                catalog.Reserve(entity.Key, reader.GetString(1));
                return reader.GetGuid(0);
            }
        }

        // New here: the id the allocator gives, unless another replica's entity holds it already.
        for (var attempt = 0; ; attempt++)
        {
            var entityId = catalog.AllocateId(entity);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO automation.entities (id, discovery_key, entity_id, discovery_topic, component, device_id, config, support, problem, name, unique_id)
                VALUES (@id, @key, @entity_id, @topic, @component, @device, @config, @support, @problem, @name, @unique)
                ON CONFLICT (entity_id) DO NOTHING
                RETURNING id
                """, connection, transaction);
            var row = Guid.CreateVersion7();
            insert.Parameters.AddWithValue("id", row);
            insert.Parameters.AddWithValue("entity_id", entityId);
            AddEntity(insert, entity, device);
            if (await insert.ExecuteScalarAsync(cancellationToken) is Guid inserted)
            {
                await InsertStateAsync(connection, transaction, inserted, entity, cancellationToken);
                return inserted;
            }

            if (attempt > 100)
            {
                throw new InvalidOperationException($"No free entity id for {entity.Key} after {attempt} attempts.");
            }

            await using var holder = new NpgsqlCommand("SELECT discovery_key FROM automation.entities WHERE entity_id = @entity_id", connection, transaction);
            holder.Parameters.AddWithValue("entity_id", entityId);
            catalog.Reserve(new DiscoveryKey((string)(await holder.ExecuteScalarAsync(cancellationToken))!), entityId);
        }
    }

    private static async Task InsertStateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid row, DiscoveredEntity entity, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO automation.entity_states (entity, available) VALUES (@entity, @available) ON CONFLICT DO NOTHING", connection, transaction);
        command.Parameters.AddWithValue("entity", row);
        command.Parameters.Add(new NpgsqlParameter<bool?>("available", StateStore.ToAvailable(entity.Availability.Evaluate(new Dictionary<string, string>())))
        {
            NpgsqlDbType = NpgsqlDbType.Boolean,
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddEntity(NpgsqlCommand command, DiscoveredEntity entity, Guid? device)
    {
        command.Parameters.AddWithValue("key", entity.Key.Value);
        command.Parameters.AddWithValue("topic", entity.DiscoveryTopic);
        command.Parameters.AddWithValue("component", entity.Component);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("device", device) { NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string>("config", entity.ConfigJson) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.AddWithValue("support", entity.Support.ToString().ToLowerInvariant());
        AddText(command, "problem", entity.Problem);
        AddText(command, "name", entity.Name);
        AddText(command, "unique", entity.UniqueId);
    }

    private static void AddText(NpgsqlCommand command, string name, string? value) =>
        command.Parameters.Add(new NpgsqlParameter<string?>(name, value) { NpgsqlDbType = NpgsqlDbType.Text });
}
