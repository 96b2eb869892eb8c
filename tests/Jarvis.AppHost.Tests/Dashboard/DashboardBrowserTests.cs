using System.Diagnostics;
using System.Text.RegularExpressions;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Dashboard;

/// <summary>The dashboard in a real browser: Debian's Chromium, headless, with the page's strict CSP in force.</summary>
[Collection(WholeJarvis.Name)]
public sealed partial class DashboardBrowserTests(JarvisAppFixture jarvis)
{
    [Fact]
    public async Task Chromium_logs_in_with_the_printed_link_and_shows_every_resource_healthy()
    {
        var dashboard = await jarvis.App.StartDashboardAsync();
        var profile = Directory.CreateTempSubdirectory("jarvis-chromium-").FullName;
        try
        {
            var info = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom", dashboard.LoginUrl.ToString(),
            })
            {
                info.ArgumentList.Add(arg);
            }

            using var chromium = Process.Start(info)!;
            var stderr = chromium.StandardError.ReadToEndAsync();
            var dom = await chromium.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await chromium.WaitForExitAsync();
            await stderr;

            // The table is drawn by dashboard.js from /api/resources: rows exist only if the script ran under the CSP.
            var rows = Row().Matches(dom);
            Assert.Equal(9, rows.Count);
            Assert.All(rows, r => Assert.Contains("health-Healthy", r.Value, StringComparison.Ordinal));
            Assert.Contains("Open Jarvis", dom, StringComparison.Ordinal);
            Assert.Contains("Prometheus", dom, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(profile);
        }
    }

    [GeneratedRegex("<tr class=\"[^\"]*\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();
}
