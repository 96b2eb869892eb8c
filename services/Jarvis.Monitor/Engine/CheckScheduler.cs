using System.Text.Json;
using Jarvis.Monitor.Alerts;
using Jarvis.Monitor.Checks;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Monitor.Engine;

/// <summary>
/// Keeps one <see cref="CheckRunner"/> per check: the built-in ones and those in <c>monitor.checks</c>, reread every
/// <c>Monitor:ReloadInterval</c> (another replica's API may have changed them) and at once after this replica's API did.
/// </summary>
public sealed partial class CheckScheduler(
    BuiltInChecks builtIn, CheckStore store, ProbeRunner probes, IEnumerable<IProbe> probeKinds, StatusBoard board, ResultLog results,
    AlertKeeper alerts, Leadership leadership, IOptions<MonitorOptions> options, TimeProvider time, ILogger<CheckScheduler> logger) : BackgroundService
{
    private readonly Dictionary<string, CheckRunner> _runners = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reload = new(0, 1);
    private readonly DateTimeOffset _graceUntil = time.GetUtcNow() + options.Value.StartupGrace;
    private IReadOnlyList<CheckDefinition> _stored = [];

    /// <summary>Rereads the checks now (after this replica's API changed one).</summary>
    public void ReloadNow()
    {
        if (_reload.CurrentCount == 0)
        {
            try
            {
                _reload.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already due.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builtInChecks = builtIn.All();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _stored = await store.AllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or JsonException && !stoppingToken.IsCancellationRequested)
            {
                LogReloadFailed(logger, ex.Message); // keep running what runs
            }

            var builtInIds = builtInChecks.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            await SyncAsync([.. builtInChecks, .. _stored.Where(c => !builtInIds.Contains(c.Id))]);
            await ((Task)_reload.WaitAsync(options.Value.ReloadInterval, stoppingToken)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await SyncAsync([]);
    }

    public override void Dispose()
    {
        _reload.Dispose();
        base.Dispose();
    }

    private async Task SyncAsync(IReadOnlyList<CheckDefinition> wanted)
    {
        var wantedIds = wanted.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _runners.Keys.Where(id => !wantedIds.Contains(id)).ToList())
        {
            await StopRunnerAsync(id);
            board.Remove(id);
        }

        foreach (var check in wanted)
        {
            var fingerprint = JsonSerializer.Serialize(check, MonitorJsonContext.Default.CheckDefinition);
            if (_runners.TryGetValue(check.Id, out var running) && running.Fingerprint == fingerprint)
            {
                continue;
            }

            await StopRunnerAsync(check.Id);
            var runner = new CheckRunner(check, fingerprint, probes, board, results, alerts, leadership, options.Value.Flapping, _graceUntil, time, logger);
            _runners[check.Id] = runner;
            runner.Start();
        }
    }

    private async Task StopRunnerAsync(string id)
    {
        if (!_runners.Remove(id, out var runner))
        {
            return;
        }

        await runner.DisposeAsync();
        foreach (var probe in probeKinds.Where(p => p.Kinds.Contains(runner.Check.Kind)))
        {
            try
            {
                await probe.ReleaseAsync(runner.Check, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogReloadFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The checks could not be reread: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);
}
