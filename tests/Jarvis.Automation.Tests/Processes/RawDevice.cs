using System.Text;
using Jarvis.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;

namespace Jarvis.Automation.Tests.Processes;

/// <summary>A device as the process tests need one: a plain MQTT 5 client publishing QoS 1, and a look into the database.</summary>
internal static class RawDevice
{
    public static async Task<IMqttClient> ConnectAsync(MosquittoFixture mqtt, string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Address.Host, mqtt.Address.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build());
        return client;
    }

    /// <summary>Returns once the broker acknowledged the message (it is the broker's to deliver from then on).</summary>
    public static async Task PublishAsync(IMqttClient client, string topic, string payload, bool retain = false)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(result.IsSuccess, $"the broker refused {topic}: {result.ReasonCode}");
    }

    public static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
