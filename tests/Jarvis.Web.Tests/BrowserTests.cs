using System.Text.Json;

namespace Jarvis.Web.Tests;

/// <summary>
/// Runs the Playwright suite (gateway/web/e2e) in Debian's Chromium against the running gateway and services,
/// and writes its counts to gateway/web/test-results/e2e-summary.json, which test.sh adds to its summary line.
/// </summary>
public sealed class BrowserTests(WebFixture jarvis) : IClassFixture<WebFixture>
{
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task The_web_app_passes_its_browser_tests_against_the_real_gateway_and_services()
    {
        var results = Path.Combine(jarvis.WebDirectory, "test-results");
        Directory.CreateDirectory(results);
        var report = Path.Combine(results, "e2e.json");
        File.Delete(report);

        // JARVIS_E2E_ARGS narrows the run while working on some pages (e.g. "e2e/status.spec.ts"); the whole suite otherwise.
        string[] filter = Environment.GetEnvironmentVariable("JARVIS_E2E_ARGS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var run = await NodeProcess.RunAsync("npx", ["playwright", "test", .. filter], jarvis.WebDirectory, new Dictionary<string, string>
        {
            ["JARVIS_URL"] = jarvis.Gateway.ToString().TrimEnd('/'),
            ["JARVIS_ADMIN_PASSWORD_FILE"] = jarvis.AdminPasswordFile,
            ["JARVIS_MQTT_URL"] = jarvis.App.GetConnectionString("mqtt"),
            ["JARVIS_MESSAGE_BURST"] = WebFixture.MessageBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PLAYWRIGHT_JSON_OUTPUT_NAME"] = report,
            ["CI"] = "1",
        }, SuiteTimeout);

        var (passed, failed) = Count(report, run.ExitCode);
        await File.WriteAllTextAsync(Path.Combine(results, "e2e-summary.json"), JsonSerializer.Serialize(new { passed, failed }));
        Assert.True(run.ExitCode == 0 && failed == 0, $"Playwright: {passed} passed, {failed} failed (exit {run.ExitCode}).\n{run.Output}");
    }

    /// <summary>Playwright's JSON report: stats.expected passed, stats.unexpected and stats.flaky failed (or 1 when it never reported).</summary>
    private static (int Passed, int Failed) Count(string report, int exitCode)
    {
        if (!File.Exists(report))
        {
            return (0, 1);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(report));
        var stats = document.RootElement.GetProperty("stats");
        var passed = stats.GetProperty("expected").GetInt32();
        var failed = stats.GetProperty("unexpected").GetInt32() + stats.GetProperty("flaky").GetInt32();
        return (passed, failed == 0 && exitCode != 0 ? 1 : failed);
    }
}
