using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Jarvis.Automation.Grpc;
using Jarvis.Plugins.Infrastructure.Messaging;
using Jarvis.Plugins.Model;
using Jarvis.Plugins.Tests.Infrastructure.Lua;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.Plugins.Tests.Infrastructure.Messaging;

/// <summary>The gRPC publisher when the automation service is not there: the plugin gets a clear Lua error, in time.</summary>
public sealed class AutomationMqttPublisherTests
{
    [Fact]
    public void With_automation_unreachable_a_publish_is_a_clear_lua_error_and_the_plugin_goes_on()
    {
        using var services = Publisher($"http://127.0.0.1:{ClosedPort()}");
        using var sandbox = Sandboxes.WithHook("""
            local ok, err = pcall(jarvis.mqtt.publish, "jarvis/plugins/test/state", "ON")
            return { ok = ok, err = err, after = "still running" }
            """, Sandboxes.Manifest(permissions: [PluginPermissions.MqttPublish], topics: ["jarvis/plugins/test/#"]),
            mqtt: services.GetRequiredService<AutomationMqttPublisher>());

        var result = sandbox.Call(PluginHooks.OnMessage, null, TimeSpan.FromSeconds(5));

        Assert.True(result.Ok, result.Message);
        Assert.False(result.Value!["ok"]!.GetValue<bool>());
        var error = result.Value!["err"]!.GetValue<string>();
        Assert.StartsWith("jarvis.mqtt.publish: the automation service is unavailable, nothing was published", error, StringComparison.Ordinal);
        Assert.Equal("still running", result.Value!["after"]!.GetValue<string>());
        Assert.False(sandbox.Poisoned);
    }

    [Fact]
    public void A_publish_waits_no_longer_than_the_calls_budget()
    {
        // A listener that never answers: the call must end with the plugin's budget, not hang the runner.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var services = Publisher($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        using var sandbox = Sandboxes.WithHook("""
            local ok, err = pcall(jarvis.mqtt.publish, "jarvis/plugins/test/state", "ON")
            return { ok = ok, err = err }
            """, Sandboxes.Manifest(permissions: [PluginPermissions.MqttPublish], topics: ["jarvis/plugins/test/#"]),
            mqtt: services.GetRequiredService<AutomationMqttPublisher>());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = sandbox.Call(PluginHooks.OnMessage, null, TimeSpan.FromMilliseconds(500));

        // What was left of the 500 ms budget, not the publisher's own 3 s cap; and never a hang.
        Assert.True(result.Ok, $"{result.Error} {result.Message}");
        var error = result.Value!["err"]!.GetValue<string>();
        var waited = Regex.Match(error, "did not answer within (\\d+) ms");
        Assert.True(waited.Success, error);
        Assert.InRange(int.Parse(waited.Groups[1].Value, CultureInfo.InvariantCulture), 1, 500);
        Assert.True(watch.Elapsed < AutomationMqttPublisher.MaxWait, $"took {watch.Elapsed}");
    }

    /// <summary>The publisher with its gRPC client as the service registers it, aimed at <paramref name="address"/>.</summary>
    private static ServiceProvider Publisher(string address)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddGrpcClient<MqttPublishing.MqttPublishingClient>(o => o.Address = new Uri(address));
        services.AddSingleton<AutomationMqttPublisher>();
        return services.BuildServiceProvider();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
