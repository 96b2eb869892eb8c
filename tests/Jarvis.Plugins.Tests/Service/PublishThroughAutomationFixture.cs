using System.Net;
using System.Net.Http.Headers;
using Grpc.Net.Client;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.Testing;

namespace Jarvis.Plugins.Tests.Service;

/// <summary>
/// The plugins and automation services as real processes, wired as the AppHost wires them (plugins
/// reference automation's <c>grpc</c> endpoint), with PostgreSQL, Mosquitto and Redis, over a plugins
/// folder holding one plugin that publishes.
/// </summary>
public sealed class PublishThroughAutomationFixture : IAsyncLifetime
{
    public const string PluginId = "publisher";

    private JarvisTestApp? _app;

    public string PluginsDirectory { get; } = Path.Combine(Path.GetTempPath(), "jarvis-plugins-publish-" + Guid.NewGuid().ToString("N"));

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("not started");

    public MqttBrokerAddress Broker => MqttBrokerAddress.Parse(App.GetConnectionString("mqtt"));

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(PluginsDirectory, PluginId);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "plugin.json"), $$"""
            { "id": "{{PluginId}}", "version": "1.0.0", "name": "publisher", "description": "publishes what it is asked to",
              "hooks": ["on_message"], "permissions": ["jarvis.mqtt.publish"], "mqttTopics": ["jarvis/plugins/publisher/#"] }
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "main.lua"), """
            return { on_message = function(args)
              local ok, result = pcall(jarvis.mqtt.publish, args.topic, args.payload)
              return { ok = ok, result = result }
            end }
            """);

        _app = await JarvisTestApp.StartAsync(b =>
        {
            var db = b.AddPostgres("postgres").AddDatabase("jarvisdb");
            var automation = b.AddAutomation(db, b.AddMosquitto("mqtt"), b.AddRedis("redis"));
            b.AddPlugins(db, PluginsDirectory, automation);
        });
    }

    /// <summary>A channel to the plugins service's gRPC endpoint, as a sibling service calls it.</summary>
    public GrpcChannel PluginsChannel()
    {
        var minter = new InternalTokenMinter(App.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
        var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", minter.Mint(InternalPrincipal.ForService("chat")));
        return GrpcChannel.ForAddress($"http://127.0.0.1:{App.GetEndpoint("plugins", "grpc").Port}", new GrpcChannelOptions { HttpClient = http, DisposeHttpClient = true });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        TestDirectories.Delete(PluginsDirectory);
    }
}
