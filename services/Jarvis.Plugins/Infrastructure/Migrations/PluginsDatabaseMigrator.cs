namespace Jarvis.Plugins.Infrastructure.Migrations;

/// <summary>Brings the plugins schema up to date before any plugin loads.</summary>
internal sealed class PluginsDatabaseMigrator(IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        new PluginsMigrations(configuration.GetConnectionString("jarvisdb")!).MigrateUpAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
