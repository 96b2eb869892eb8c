using Jarvis.Plugins.Infrastructure.Hosting;
using Jarvis.Plugins.Infrastructure.Messaging;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Model;
using Jarvis.Plugins.Tests.Infrastructure.Messaging;
using Jarvis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using System.Diagnostics.Metrics;

namespace Jarvis.Plugins.Tests.Infrastructure.Hosting;

/// <summary>A throwaway plugins directory and a host over it.</summary>
internal sealed class PluginFolders : IDisposable
{
    private static readonly NpgsqlDataSource Unused = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public PluginFolders()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "jarvis-plugins-" + Guid.NewGuid().ToString("N"));

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jarvis.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Jarvis.sln not found above the test binaries.");
        }
    }

    public static string Manifest(string id, string hooks = "\"on_message\"", string permissions = "\"jarvis.log\"", int priority = 0, int timeoutMs = 300) =>
        $$"""{ "id": "{{id}}", "version": "1.0.0", "name": "{{id}}", "description": "test", "hooks": [{{hooks}}], "permissions": [{{permissions}}], "priority": {{priority}}, "limits": { "timeoutMs": {{timeoutMs}} } }""";

    public void Write(string folder, string? manifest, string? source)
    {
        var dir = Path.Combine(Root, folder);
        Directory.CreateDirectory(dir);
        if (manifest is not null)
        {
            File.WriteAllText(Path.Combine(dir, "plugin.json"), manifest);
        }

        if (source is not null)
        {
            File.WriteAllText(Path.Combine(dir, "main.lua"), source);
        }
    }

    public void WriteHook(string id, string body, int priority = 0, int timeoutMs = 300) =>
        Write(id, Manifest(id, priority: priority, timeoutMs: timeoutMs), $"return {{ on_message = function(args)\n{body}\nend }}");

    public PluginHost CreateHost(string? directory = null, IPluginKvStore? kv = null, int stuckGraceMs = 1000) =>
        new(Options.Create(new PluginsOptions { Directory = directory ?? Root, StuckGraceMs = stuckGraceMs, MaxParallelPlugins = 4 }),
            kv ?? new PluginKvStore(Unused, Options.Create(new PluginsOptions())), new RecordingMqttPublisher(),
            new PluginMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<PluginHost>.Instance);

    public void Dispose()
    {
        _services.Dispose();
        TestDirectories.Delete(Root);
    }
}
