extern alias monitor;

using Jarvis.Monitor.Tests.Targets;
using Jarvis.Testing;
using CheckStatus = monitor::Jarvis.Monitor.Model.CheckStatus;
using StatusChange = monitor::Jarvis.Monitor.Model.StatusChange;

namespace Jarvis.Monitor.Tests;

/// <summary>
/// Outages of a real process, at the built-in checks' cadence (1 s interval, failure threshold 2): a SIGKILLed server
/// is seen down within 2 s and up again when it is back; a SIGSTOPped one (it hangs, it does not refuse) by its timeout.
/// </summary>
[Collection(MonitorCollection.Name)]
public sealed class DetectionTests(PostgresFixture postgres, MosquittoFixture mqtt)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_killed_server_is_down_within_two_seconds_and_up_again_once_it_is_back()
    {
        using var target = await HttpTargetProcess.StartAsync();
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync("monitor_detect_kill"), mqtt.ConnectionString);
        using var admin = service.ClientFor(MonitorService.Admin);
        using var listening = new CancellationTokenSource();
        var changes = service.Board.Listen(listening.Token);
        await CheckApi.CreateAsync(admin, new { id = "web", kind = "http", url = target.Url, intervalSeconds = 1, timeoutMs = 800, failureThreshold = 2 });
        await NextAsync(changes, c => c.CheckId == "web" && c.To == CheckStatus.Up);

        var killedAt = DateTimeOffset.UtcNow;
        target.Kill();
        var down = await NextAsync(changes, c => c.CheckId == "web" && c.To == CheckStatus.Down);

        var detection = down.At - killedAt;
        Assert.True(detection < TimeSpan.FromSeconds(2), $"Seen down {detection.TotalMilliseconds:F0} ms after the kill.");
        Assert.Contains("refused", down.Message, StringComparison.OrdinalIgnoreCase);

        await target.StartAgainAsync();
        await NextAsync(changes, c => c.CheckId == "web" && c.To == CheckStatus.Up);
        Assert.Equal(CheckStatus.Up, service.Board.Find("web")!.Status);
    }

    [Fact]
    public async Task A_frozen_server_is_down_by_its_timeout_and_up_once_it_runs_again()
    {
        using var target = await HttpTargetProcess.StartAsync();
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync("monitor_detect_stop"), mqtt.ConnectionString);
        using var admin = service.ClientFor(MonitorService.Admin);
        using var listening = new CancellationTokenSource();
        var changes = service.Board.Listen(listening.Token);
        await CheckApi.CreateAsync(admin, new { id = "frozen", kind = "http", url = target.Url, intervalSeconds = 1, timeoutMs = 500, failureThreshold = 2 });
        await NextAsync(changes, c => c.CheckId == "frozen" && c.To == CheckStatus.Up);

        var frozenAt = DateTimeOffset.UtcNow;
        target.Freeze();
        var down = await NextAsync(changes, c => c.CheckId == "frozen" && c.To == CheckStatus.Down);

        // At worst: a full interval, then two timeouts and a retry interval between them.
        var detection = down.At - frozenAt;
        Assert.True(detection < TimeSpan.FromSeconds(3), $"Seen down {detection.TotalMilliseconds:F0} ms after SIGSTOP.");
        Assert.Equal("No answer within 500 ms.", down.Message);

        target.Thaw();
        await NextAsync(changes, c => c.CheckId == "frozen" && c.To == CheckStatus.Up);
    }

    private static async Task<StatusChange> NextAsync(System.Threading.Channels.ChannelReader<StatusChange> changes, Func<StatusChange, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var change = await changes.ReadAsync(timeout.Token);
            if (wanted(change))
            {
                return change;
            }
        }
    }
}
