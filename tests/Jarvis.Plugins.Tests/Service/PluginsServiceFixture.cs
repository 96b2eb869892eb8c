using System.Net;
using System.Net.Http.Headers;
using Grpc.Net.Client;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.Plugins.Tests.Infrastructure.Hosting;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;

namespace Jarvis.Plugins.Tests.Service;

/// <summary>
/// The plugins service as a real process (with a real PostgreSQL) through the AppHost's testing
/// builder, over a plugins folder holding the shipped plugins plus hostile and broken ones.
/// </summary>
public sealed class PluginsServiceFixture : IAsyncLifetime
{
    private JarvisTestApp? _app;

    public string PluginsDirectory { get; } = Path.Combine(Path.GetTempPath(), "jarvis-plugins-svc-" + Guid.NewGuid().ToString("N"));

    public int GrpcPort => App.GetEndpoint("plugins", "grpc").Port;

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("not started");

    public InternalTokenMinter Minter => new(App.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PluginsDirectory);
        foreach (var shipped in new[] { "dice", "units", "notes" })
        {
            CopyDirectory(Path.Combine(PluginFolders.RepositoryRoot, "plugins", shipped), Path.Combine(PluginsDirectory, shipped));
        }

        Write("looper", PluginFolders.Manifest("looper", timeoutMs: 100), "return { on_message = function() while true do end end }");
        // The longest budget a manifest may ask for: the hog must end on the memory cap, not on time, however loaded the machine.
        Write("hog", PluginFolders.Manifest("hog", timeoutMs: 5000), "return { on_message = function() local t = {} for i = 1, 1e9 do t[i] = i end end }");
        Write("raiser", PluginFolders.Manifest("raiser"), "return { on_message = function() error('kaput', 0) end }");
        Write("cyclic", PluginFolders.Manifest("cyclic"), "return { on_message = function() local t = {} t.t = t return t end }");
        Write("broken", PluginFolders.Manifest("broken"), "return {");
        Write("echo", PluginFolders.Manifest("echo", hooks: "\"on_event\""), "return { on_event = function(args) args.n_type = math.type(args.n) return args end }");

        _app = await JarvisTestApp.StartAsync(b => b.AddPlugins(b.AddPostgres("postgres").AddDatabase("jarvisdb"), PluginsDirectory));
    }

    public HttpClient Http(string? role)
    {
        var client = App.CreateHttpClient("plugins");
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Minter.Mint(new InternalPrincipal("tester", "tester", role)));
        }

        return client;
    }

    /// <summary>A channel whose calls carry a token for <paramref name="role"/> (none when null) living <paramref name="lifetime"/>.</summary>
    public GrpcChannel Grpc(string? role, TimeSpan? lifetime = null)
    {
        var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (role is not null)
        {
            var token = Minter.Mint(new InternalPrincipal("caller", "caller", role), lifetime);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}", new GrpcChannelOptions { HttpClient = http, DisposeHttpClient = true });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        TestDirectories.Delete(PluginsDirectory);
    }

    private void Write(string id, string manifest, string source)
    {
        var dir = Path.Combine(PluginsDirectory, id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "plugin.json"), manifest);
        File.WriteAllText(Path.Combine(dir, "main.lua"), source);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
