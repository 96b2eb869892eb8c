using System.Globalization;
using Aspire.Hosting;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.Testing;

namespace Jarvis.Web.Tests;

/// <summary>
/// The parts of Jarvis the web app talks to, as the AppHost wires them: PostgreSQL, Mosquitto, Redis, automation,
/// plugins (the repository's plugins), chat, the monitor (watching them all, for the status page) and the gateway
/// serving the built app from gateway/web/dist. Prometheus is left out: its check would only add a process.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    // The message limit as small as makes a 429 quick to reach from the composer: each browser test signs in as
    // a person of its own, so no test spends another's budget; the refill is longer than the whole run.
    public const int MessageBurst = 6;

    private JarvisTestApp? _app;

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public string WebDirectory { get; } = Path.Combine(RepositoryLayout.Metadata("Jarvis.RepositoryRoot"), "gateway", "web");

    public Uri Gateway => App.GetEndpoint("gateway");

    public string AdminPasswordFile => Path.Combine(App.Jarvis.Layout.SecretsDirectory, JarvisContext.AdminPasswordSecret);

    public async Task InitializeAsync()
    {
        var dist = Path.Combine(WebDirectory, "dist");
        // test.sh builds the app once before every test project (JARVIS_WEB_PREBUILT=1); alone, this builds it.
        if (Environment.GetEnvironmentVariable("JARVIS_WEB_PREBUILT") != "1" || !File.Exists(Path.Combine(dist, "index.html")))
        {
            var build = await NodeProcess.RunAsync(Path.Combine(WebDirectory, "..", "..", "scripts", "build-web.sh"), [], WebDirectory,
                new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
            Assert.True(build.ExitCode == 0, "scripts/build-web.sh failed:\n" + build.Output);
        }

        _app = await JarvisTestApp.StartAsync(builder =>
        {
            var db = builder.AddPostgres("postgres").AddDatabase("jarvisdb");
            var mqtt = builder.AddMqttBroker("mqtt");
            var redis = builder.AddRedis("redis");
            var automation = builder.AddAutomation(db, mqtt, redis);
            var plugins = builder.AddPlugins(db, automation: automation);
            var chat = builder.AddChat(db, redis).WithReference(plugins).WithReference(automation);
            // Built-in checks every 2 s with a 3 s timeout and 3 failures to go down: the status page test asserts
            // "up", and this shared machine may stall a probe for longer than the default 900 ms.
            var monitor = builder.AddMonitor(db, mqtt, redis)
                .WithEnvironment("Monitor__BuiltIn__IntervalSeconds", "2")
                .WithEnvironment("Monitor__BuiltIn__TimeoutMs", "3000")
                .WithEnvironment("Monitor__BuiltIn__FailureThreshold", "3");
            var gateway = builder.AddGateway(redis)
                .WithReference(chat).WithReference(plugins).WithReference(automation).WithReference(monitor)
                .WithEnvironment("Gateway__WebRoot", dist)
                .WithEnvironment("Gateway__RateLimits__LoginPerAddress__PermitLimit", "1000")
                .WithEnvironment("Gateway__RateLimits__LoginPerUsername__PermitLimit", "100")
                .WithEnvironment("Gateway__RateLimits__PerAddress__PermitLimit", "10000")
                .WithEnvironment("Gateway__RateLimits__PerUser__PermitLimit", "10000")
                .WithEnvironment("Gateway__RateLimits__MessageSend__TokenLimit", MessageBurst.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Gateway__RateLimits__MessageSend__TokensPerPeriod", "1")
                .WithEnvironment("Gateway__RateLimits__MessageSend__ReplenishmentPeriod", TimeSpan.FromMinutes(30).ToString())
                .WaitFor(chat).WaitFor(automation).WaitFor(plugins).WaitFor(monitor);
            monitor.WatchedBy(null, chat, plugins, automation, gateway);
        });
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
