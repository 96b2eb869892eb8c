using System.Text.Json.Nodes;
using Jarvis.AppHost.Infrastructure;
using Jarvis.Testing;

namespace Jarvis.Monitor.Tests;

/// <summary>The AppHost's Prometheus loads Jarvis's alerting rules, as its rules API shows.</summary>
public sealed class PrometheusRulesTests
{
    [Fact]
    public async Task Prometheus_loads_the_jarvis_alerting_rules_and_evaluates_them()
    {
        await using var app = await JarvisTestApp.StartAsync(b => b.AddPrometheus("prometheus"));
        using var http = app.CreateHttpClient("prometheus");

        var rules = await Eventually.GetAsync(async () =>
        {
            var body = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/rules?type=alert", UriKind.Relative)))!;
            var all = body["data"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).ToList();
            // Evaluated at least once: every rule has a health other than unknown.
            return all.Count > 0 && all.All(r => r!["health"]!.GetValue<string>() != "unknown") ? all : null;
        }, JarvisTestApp.StartTimeout, "the rules evaluated");

        var names = rules.Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("JarvisServiceDown", names);
        Assert.Contains("JarvisLuaTimeoutsRising", names);
        Assert.Contains("JarvisMqttDisconnected", names);
        Assert.Contains("JarvisPluginMemoryAtCap", names);
        Assert.Contains("JarvisCheckDown", names);
        Assert.All(rules, r => Assert.Equal("ok", r!["health"]!.GetValue<string>()));
    }
}
