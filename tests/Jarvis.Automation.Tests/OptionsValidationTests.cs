using Jarvis.Testing;

namespace Jarvis.Automation.Tests;

/// <summary>Settings that make no sense stop automation before it serves, with a message naming them.</summary>
[Collection(AutomationCollection.Name)]
public sealed class OptionsValidationTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    [Theory]
    [InlineData("Jarvis:InternalAuth:SigningKey", null, "No internal signing key")]
    [InlineData("Jarvis:InternalAuth:SigningKey", "c2hvcnQ=", "The internal signing key must hold at least 32 bytes.")]
    [InlineData("Jarvis:Database:MaxPoolSize", "0", "Jarvis:Database:MaxPoolSize must be between 1 and 1000.")]
    [InlineData("ConnectionStrings:mqtt", "http://127.0.0.1:1883", "is not an MQTT address such as mqtt://127.0.0.1:1883.")]
    [InlineData("ConnectionStrings:mqtt", null, "ConnectionStrings:mqtt is not configured.")]
    [InlineData("Automation:Mqtt:MaxReconnectDelay", "00:00:00.050", "Automation:Mqtt:FirstReconnectDelay must be positive and at most MaxReconnectDelay.")]
    [InlineData("Automation:Mqtt:OutboxTimeToLive", "00:00:00", "Automation:Mqtt:OutboxTimeToLive must be positive and at most 7 days.")]
    [InlineData("Automation:Mqtt:DiscoveryPrefix", "home/assistant", "Automation:Mqtt:DiscoveryPrefix must be one topic level without '+', '#' or '/'.")]
    [InlineData("Automation:Replicas", "0", "Automation:Replicas must be at least 1.")]
    public async Task A_nonsensical_setting_refuses_the_start_with_a_message(string key, string? value, string message)
    {
        await using var service = AutomationService.With(postgres.ConnectionString, mqtt.ConnectionString, redis.ConnectionString, (key, value));

        var ex = Record.Exception(() => service.CreateClient());

        Assert.NotNull(ex);
        Assert.Contains(message, Messages(ex), StringComparison.Ordinal);
    }

    private static string Messages(Exception ex)
    {
        var messages = new List<string>();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
