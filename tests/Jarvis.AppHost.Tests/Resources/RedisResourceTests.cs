using Jarvis.Testing;
using StackExchange.Redis;

namespace Jarvis.AppHost.Tests.Resources;

public sealed class RedisResourceTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Redis_answers_PING_with_its_password()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var latency = await connection.GetDatabase().PingAsync();
        Assert.True(latency >= TimeSpan.Zero);
        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task Redis_refuses_a_client_without_the_password()
    {
        var options = ConfigurationOptions.Parse(redis.ConnectionString);
        options.Password = null;
        options.AbortOnConnectFail = false;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await Assert.ThrowsAnyAsync<RedisException>(() => connection.GetDatabase().StringSetAsync("k", "v"));
    }
}
