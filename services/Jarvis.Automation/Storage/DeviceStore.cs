using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Model;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Automation.Storage;

/// <summary>Devices and entities as the API reads and edits them: discovered facts, the person's overrides, current state.</summary>
public sealed class DeviceStore(NpgsqlDataSource database, DeviceCatalog catalog)
{
    private const string EntityColumns = """
        e.entity_id, e.device_id, e.component, e.name_override, e.name, d.name_override, d.name, e.area_id, d.area_id, e.aliases,
        e.disabled, e.support, e.problem, e.unique_id, s.state, coalesce(s.attributes, '{}')::text, s.available, s.last_changed,
        s.last_updated, s.error, e.discovery_key
        """;

    private const string EntityFrom = """
        automation.entities e
        LEFT JOIN automation.devices d ON d.id = e.device_id
        LEFT JOIN automation.entity_states s ON s.entity = e.id
        """;

    private const string DeviceColumns = "id, name_override, name, manufacturer, model, sw_version, area_id, suggested_area, identifiers";

    public async Task<Page<Device>> ListDevicesAsync(PageRequest<Guid> page, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {DeviceColumns} FROM automation.devices
            WHERE (@before::uuid IS NULL OR seq < (SELECT seq FROM automation.devices WHERE id = @before))
            ORDER BY seq DESC LIMIT @take
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("before", page.Before) { NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue("take", page.Limit + 1);
        var devices = await ReadDevicesAsync(command, cancellationToken);
        return Paging.Cut(devices, page.Limit, d => d.Id.ToString());
    }

    public async Task<Device?> GetDeviceAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {DeviceColumns} FROM automation.devices WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return (await ReadDevicesAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Null when there is no such device; <paramref name="area"/> and <paramref name="name"/>: null keeps, empty clears.</summary>
    public async Task<Device?> UpdateDeviceAsync(Guid id, string? name, Guid? area, bool clearArea, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            UPDATE automation.devices
            SET name_override = CASE WHEN @name::text IS NULL THEN name_override ELSE nullif(@name, '') END,
                area_id = CASE WHEN @clear_area THEN NULL ELSE coalesce(@area, area_id) END,
                updated_at = now()
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.Add(new NpgsqlParameter<string?>("name", name) { NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid?>("area", area) { NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue("clear_area", clearArea);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0 ? null : await GetDeviceAsync(id, cancellationToken);
    }

    public async Task<Page<DeviceEntity>> ListEntitiesAsync(Guid? area, string? component, EntityPageRequest page, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {EntityColumns} FROM {EntityFrom}
            WHERE (@area::uuid IS NULL OR coalesce(e.area_id, d.area_id) = @area)
              AND (@component::text IS NULL OR e.component = @component)
              AND (@before::text IS NULL OR e.seq < (SELECT seq FROM automation.entities WHERE entity_id = @before))
            ORDER BY e.seq DESC LIMIT @take
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("area", area) { NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<string?>("component", component) { NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?>("before", page.Before) { NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue("take", page.Limit + 1);
        var entities = await ReadEntitiesAsync(command, cancellationToken);
        return Paging.Cut(entities, page.Limit, e => e.EntityId);
    }

    public async Task<DeviceEntity?> GetEntityAsync(string entityId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {EntityColumns} FROM {EntityFrom} WHERE e.entity_id = @entity_id");
        command.Parameters.AddWithValue("entity_id", entityId);
        return (await ReadEntitiesAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The entity's row id and discovery key, for commands; null when there is none.</summary>
    public async Task<(Guid Row, string Key)?> FindRowAsync(string entityId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT id, discovery_key FROM automation.entities WHERE entity_id = @entity_id");
        command.Parameters.AddWithValue("entity_id", entityId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetString(1)) : null;
    }

    public async Task<DeviceEntity?> UpdateEntityAsync(string entityId, UpdateEntityRequest change, Guid? area, bool clearArea, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var command = database.CreateCommand("""
            UPDATE automation.entities
            SET name_override = CASE WHEN @name::text IS NULL THEN name_override ELSE nullif(@name, '') END,
                area_id = CASE WHEN @clear_area THEN NULL ELSE coalesce(@area, area_id) END,
                aliases = coalesce(@aliases, aliases),
                disabled = coalesce(@disabled, disabled),
                updated_at = now()
            WHERE entity_id = @entity_id
            """);
        command.Parameters.AddWithValue("entity_id", entityId);
        command.Parameters.Add(new NpgsqlParameter<string?>("name", change.Name) { NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<Guid?>("area", area) { NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue("clear_area", clearArea);
        command.Parameters.Add(new NpgsqlParameter<string[]?>("aliases", change.Aliases?.ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool?>("disabled", change.Disabled) { NpgsqlDbType = NpgsqlDbType.Boolean });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0 ? null : await GetEntityAsync(entityId, cancellationToken);
    }

    private async Task<List<Device>> ReadDevicesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(Guid Id, string? Override, string? Name, string? Manufacturer, string? Model, string? Sw, Guid? Area, string? Suggested, string[] Identifiers)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5),
                    reader.IsDBNull(6) ? null : reader.GetGuid(6), Text(reader, 7), reader.GetFieldValue<string[]>(8)));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        await using var entities = database.CreateCommand($"SELECT {EntityColumns} FROM {EntityFrom} WHERE e.device_id = ANY(@devices) ORDER BY e.seq");
        entities.Parameters.AddWithValue("devices", rows.Select(r => r.Id).ToArray());
        var byDevice = (await ReadEntitiesAsync(entities, cancellationToken)).ToLookup(e => e.DeviceId);
        return [.. rows.Select(r =>
        {
            var own = byDevice[r.Id].ToList();
            bool? available = own.Any(e => e.State.Available == false) ? false
                : own.Count > 0 && own.TrueForAll(e => e.State.Available == true) ? true
                : null;
            return new Device(r.Id, r.Override ?? r.Name ?? r.Identifiers.FirstOrDefault() ?? r.Id.ToString(), r.Name, r.Manufacturer, r.Model, r.Sw,
                r.Area, r.Suggested, r.Identifiers, available, own);
        })];
    }

    private async Task<List<DeviceEntity>> ReadEntitiesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        var entities = new List<DeviceEntity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entityId = reader.GetString(0);
            var discovered = Text(reader, 4);
            var deviceName = Text(reader, 5) ?? Text(reader, 6);
            var name = Text(reader, 3) ?? (discovered is null ? deviceName : deviceName is null ? discovered : $"{deviceName} {discovered}") ?? entityId;
            var support = reader.GetString(11);
            var acceptsCommands = support == "supported"
                && catalog.Find(new DiscoveryKey(reader.GetString(20)))?.Config?.AcceptsCommands == true;
            var state = new EntityState(Text(reader, 14), JsonNode.Parse(reader.GetString(15)) as JsonObject ?? [],
                reader.IsDBNull(16) ? null : reader.GetBoolean(16),
                reader.IsDBNull(17) ? null : reader.GetFieldValue<DateTimeOffset>(17),
                reader.IsDBNull(18) ? null : reader.GetFieldValue<DateTimeOffset>(18),
                Text(reader, 19));
            entities.Add(new DeviceEntity(entityId, reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), name, discovered,
                reader.IsDBNull(7) ? (reader.IsDBNull(8) ? null : reader.GetGuid(8)) : reader.GetGuid(7),
                reader.GetFieldValue<string[]>(9), reader.GetBoolean(10), support, Text(reader, 12), acceptsCommands, Text(reader, 13), state));
        }

        return entities;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
