using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Secrets;
using Jarvis.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace Jarvis.ServiceDefaults.Tests.Integrations;

/// <summary>The PostgreSQL and Redis clients every service registers, on Aspire's integrations with our tuning.</summary>
public sealed class ClientIntegrationTests(PostgresFixture postgres, RedisFixture redis)
    : IClassFixture<PostgresFixture>, IClassFixture<RedisFixture>, IDisposable
{
    private readonly string _secrets = Directory.CreateTempSubdirectory("jarvis-client-secrets-").FullName;

    [Fact]
    public void The_data_source_caps_its_pool_from_configuration_and_does_not_reset_pooled_connections()
    {
        using var host = Build(new() { ["ConnectionStrings:jarvisdb"] = postgres.ConnectionString, [PostgresExtensions.MaxPoolSizeKey] = "7" });

        var settings = new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

        Assert.Equal(7, settings.MaxPoolSize);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("client-tests", settings.ApplicationName);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void A_pool_size_outside_1_to_1000_refuses_to_start(string size)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            Build(new() { ["ConnectionStrings:jarvisdb"] = postgres.ConnectionString, [PostgresExtensions.MaxPoolSizeKey] = size }));
        Assert.Contains(PostgresExtensions.MaxPoolSizeKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_in_the_secrets_directory_overrides_the_environment()
    {
        await File.WriteAllTextAsync(Path.Combine(_secrets, "ConnectionStrings__jarvisdb"), postgres.ConnectionString);
        using var host = Build(new() { ["ConnectionStrings:jarvisdb"] = "Host=wrong.invalid;Username=nobody" }, _secrets);

        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal("jarvisdb", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Health_names_the_checks_postgres_and_redis_tags_them_ready_and_finds_both_answering()
    {
        using var host = Build(new() { ["ConnectionStrings:jarvisdb"] = postgres.ConnectionString, ["ConnectionStrings:redis"] = redis.ConnectionString }, redisToo: true);

        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(r => r.Tags.Contains(Microsoft.Extensions.Hosting.Extensions.ReadyTag));

        Assert.Equal(["postgres", "redis"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Entries.Values, e => Assert.Equal(HealthStatus.Healthy, e.Status));
    }

    [Fact]
    public async Task Health_reports_unreachable_servers_unhealthy_and_the_service_still_starts()
    {
        var closed = ClosedPort();
        using var host = Build(
            new() { ["ConnectionStrings:jarvisdb"] = $"Host=127.0.0.1;Port={closed};Username=jarvis;Timeout=2", ["ConnectionStrings:redis"] = $"127.0.0.1:{closed}" },
            redisToo: true);

        // Redis refusing does not stop the start (abortConnect=false), and its options are ours.
        var multiplexer = host.Services.GetRequiredService<IConnectionMultiplexer>();
        var options = ConfigurationOptions.Parse(multiplexer.Configuration);
        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(3000, options.ConnectTimeout);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["postgres"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["redis"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["self"].Status);
    }

    public void Dispose() => Directory.Delete(_secrets, recursive: true);

    private static IHost Build(Dictionary<string, string?> environment, string? secrets = null, bool redisToo = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "client-tests", DisableDefaults = true });
        // The same order as AddServiceDefaults: the environment first, the secret files over it.
        builder.Configuration.AddInMemoryCollection(environment);
        if (secrets is not null)
        {
            builder.Configuration.AddJarvisSecrets(secrets);
        }

        builder.AddDefaultHealthChecks();
        builder.AddJarvisNpgsqlDataSource("jarvisdb");
        if (redisToo)
        {
            builder.AddJarvisRedisClient("redis");
        }

        return builder.Build();
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
