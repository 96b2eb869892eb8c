using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Jarvis.ServiceDefaults.Migrations;

/// <summary>
/// Brings the service's schema up to date, then runs its seeds under the same lock, before anything
/// else starts: it is the first hosted service, and the server listens only after every hosted service started.
/// </summary>
internal sealed class SchemaMigrationOnStart(ServiceSchema schema, IConfiguration configuration, IEnumerable<ISchemaSeed> seeds) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString(ServiceSchema.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ServiceSchema.ConnectionName} is not configured.");
        return schema.Migrator(connectionString).MigrateUpAsync(async (connection, ct) =>
        {
            foreach (var seed in seeds)
            {
                await seed.SeedAsync(connection, ct);
            }
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
