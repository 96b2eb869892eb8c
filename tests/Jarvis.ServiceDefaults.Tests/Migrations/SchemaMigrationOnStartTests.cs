using Jarvis.ServiceDefaults.Migrations;
using Jarvis.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Jarvis.ServiceDefaults.Tests.Migrations;

public sealed class SchemaMigrationOnStartTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_starting_service_migrates_up_then_seeds_under_the_lock_before_its_other_hosted_services_start()
    {
        var db = await postgres.CreateDatabaseAsync("defaults_migrate_start");
        var seed = new RecordingSeed(db);
        var later = new LaterService(db);
        using var host = Build(db, seed, later);

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal(["lamps", "scenes", "schema_version"], seed.TablesSeen);
        Assert.False(seed.LockFreeDuringSeed, "the seed ran while another connection could take the migration lock");
        Assert.Equal(["lamps", "scenes", "schema_version"], later.TablesSeen);
        Assert.Equal([1L, 2], await LightingSchema.Definition.Migrator(db).AppliedVersionsAsync());
    }

    [Fact]
    public async Task Replicas_starting_together_migrate_once_and_each_runs_its_seed()
    {
        var db = await postgres.CreateDatabaseAsync("defaults_migrate_replicas");
        var seeds = Enumerable.Range(0, 3).Select(_ => new RecordingSeed(db)).ToArray();
        var hosts = seeds.Select(s => Build(db, s, new LaterService(db))).ToArray();

        await Task.WhenAll(hosts.Select(h => h.StartAsync()));
        await Task.WhenAll(hosts.Select(h => h.StopAsync()));
        foreach (var host in hosts)
        {
            host.Dispose();
        }

        Assert.All(seeds, s => Assert.Equal(["lamps", "scenes", "schema_version"], s.TablesSeen));
        Assert.Equal([1L, 2], await LightingSchema.Definition.Migrator(db).AppliedVersionsAsync());
    }

    [Fact]
    public async Task A_service_without_a_connection_string_refuses_to_start()
    {
        using var host = Build(null, new RecordingSeed(""), new LaterService(""));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("ConnectionStrings:jarvisdb", ex.Message, StringComparison.Ordinal);
    }

    private static IHost Build(string? connectionString, RecordingSeed seed, LaterService later)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:jarvisdb"] = connectionString });
        builder.AddSchemaMigrations(LightingSchema.Definition);
        builder.Services.AddSingleton<ISchemaSeed>(seed);
        builder.Services.AddHostedService(_ => later);
        return builder.Build();
    }

    private sealed class RecordingSeed(string connectionString) : ISchemaSeed
    {
        public string[] TablesSeen { get; private set; } = [];

        public bool LockFreeDuringSeed { get; private set; }

        public async Task SeedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            TablesSeen = await LightingSchema.TablesAsync(connectionString);
            await using var other = new NpgsqlConnection(connectionString);
            await other.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", other);
            take.Parameters.AddWithValue("key", LightingSchema.Definition.LockKey);
            LockFreeDuringSeed = (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
        }
    }

    private sealed class LaterService(string connectionString) : IHostedService
    {
        public string[] TablesSeen { get; private set; } = [];

        public async Task StartAsync(CancellationToken cancellationToken) => TablesSeen = await LightingSchema.TablesAsync(connectionString);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
