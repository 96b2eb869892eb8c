using Jarvis.Plugins.Infrastructure.Storage;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>
/// Gives the host the enable/disable choices saved before this start. Registered after the
/// migrator and before the folder watcher, whose start loads the plugins, so no plugin an admin
/// turned off serves even for a moment. Without the database the service does not start (fails
/// closed) rather than serve a plugin someone disabled.
/// </summary>
internal sealed class PluginStateRestorer(PluginHost host, PluginStateStore states) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        host.ApplySavedStates(await states.LoadAsync(cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
