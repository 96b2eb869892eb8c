using Jarvis.Monitor.Infrastructure.Migrations;
using Jarvis.ServiceDefaults.Migrations;

namespace Jarvis.Monitor.Infrastructure;

/// <summary>
/// Brings the monitor schema up to date before the checks start, like every service, with one difference: the monitor
/// must run while PostgreSQL is down (to say so), so a failed migration does not stop the start. It is retried in the
/// background every 2 s; until it succeeds the built-in checks run and report, and history and alerts wait.
/// </summary>
public sealed partial class SchemaMigration(IConfiguration configuration, ILogger<SchemaMigration> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryMigrateAsync(cancellationToken))
        {
            _retrying = Task.Run(() => RetryAsync(_stop.Token), CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return; // stopped twice (the test host does): the first stop ended the retries
        }

        await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stop.Dispose();

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!cancellationToken.IsCancellationRequested && await TryMigrateAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryMigrateAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString(ServiceSchema.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ServiceSchema.ConnectionName} is not configured.");
        try
        {
            await MonitorSchema.Definition.Migrator(connectionString).MigrateUpAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogMigrationFailed(logger, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The monitor schema could not be migrated yet (retrying every 2 s): {Reason}")]
    private static partial void LogMigrationFailed(ILogger logger, string reason);
}
