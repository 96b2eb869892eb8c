using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Plugins.Infrastructure.Lua;
using Jarvis.Plugins.Model;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Plugins.Infrastructure.Storage;

/// <summary>
/// <c>plugins.kv</c> in PostgreSQL. Synchronous on purpose: it runs on the plugin's own runner
/// thread, inside the call's budget. The quota is checked under a per-plugin transaction lock.
/// </summary>
internal sealed class PluginKvStore(NpgsqlDataSource db, IOptions<PluginsOptions> options) : IPluginKvStore
{
    private const int CommandTimeoutSeconds = 3;

    public JsonNode? Get(string pluginId, string key)
    {
        using var command = db.CreateCommand("SELECT value FROM plugins.kv WHERE plugin_id = $1 AND key = $2");
        command.CommandTimeout = CommandTimeoutSeconds;
        command.Parameters.Add(new NpgsqlParameter { Value = pluginId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return command.ExecuteScalar() is string json ? JsonNode.Parse(json) : null;
    }

    public void Set(string pluginId, string key, JsonNode? value)
    {
        if (value is null)
        {
            Delete(pluginId, key);
            return;
        }

        var json = value.ToJsonString();
        var size = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(json);
        var quota = options.Value;
        using var connection = db.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('jarvis.plugins.kv'), hashtext($1))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = pluginId });
            lockCommand.ExecuteNonQuery();
        }

        using (var usage = new NpgsqlCommand(
            "SELECT count(*), coalesce(sum(octet_length(key) + octet_length(value)), 0) FROM plugins.kv WHERE plugin_id = $1 AND key <> $2",
            connection, transaction))
        {
            usage.CommandTimeout = CommandTimeoutSeconds;
            usage.Parameters.Add(new NpgsqlParameter { Value = pluginId });
            usage.Parameters.Add(new NpgsqlParameter { Value = key });
            using var reader = usage.ExecuteReader();
            reader.Read();
            var keys = reader.GetInt64(0);
            var bytes = reader.GetInt64(1);
            if (keys + 1 > quota.KvMaxKeys)
            {
                throw new HostApiException($"quota exceeded: at most {quota.KvMaxKeys} keys per plugin");
            }

            if (bytes + size > quota.KvMaxBytes)
            {
                throw new HostApiException($"quota exceeded: at most {quota.KvMaxBytes} bytes per plugin");
            }
        }

        using (var upsert = new NpgsqlCommand(
            "INSERT INTO plugins.kv (plugin_id, key, value, updated_at) VALUES ($1, $2, $3, now()) " +
            "ON CONFLICT (plugin_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            connection, transaction))
        {
            upsert.CommandTimeout = CommandTimeoutSeconds;
            upsert.Parameters.Add(new NpgsqlParameter { Value = pluginId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = key });
            upsert.Parameters.Add(new NpgsqlParameter { Value = json });
            upsert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public bool Delete(string pluginId, string key)
    {
        using var command = db.CreateCommand("DELETE FROM plugins.kv WHERE plugin_id = $1 AND key = $2");
        command.CommandTimeout = CommandTimeoutSeconds;
        command.Parameters.Add(new NpgsqlParameter { Value = pluginId });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return command.ExecuteNonQuery() > 0;
    }
}
