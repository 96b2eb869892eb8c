using System.Diagnostics;
using System.Text.Json;
using Jarvis.Testing;

namespace Jarvis.Simulation.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class LoadTests(MosquittoFixture mqtt)
{
    [Fact]
    public async Task Load_mode_publishes_rate_times_duration_readings_all_acknowledged_and_delivered()
    {
        var options = Simulators.For(mqtt, seed: 21) with { Entities = 100 };
        await using var simulator = new DeviceSimulator(options);
        await simulator.StartAsync();
        Assert.Equal(100, simulator.EntityCount);
        await using var probe = await MqttProbe.ConnectAsync(mqtt, $"{options.Zigbee2MqttBaseTopic}/+", "tele/+/SENSOR", "+/sensor/+/state");

        var result = await simulator.RunLoadAsync(rate: 200, duration: TimeSpan.FromSeconds(2));

        Assert.Equal(400, result.Published);
        Assert.Equal(400, result.Acknowledged);
        Assert.True(result.Seconds > 0);
        await Eventually.HoldsAsync(() => probe.Live.Count >= 400, "400 readings delivered");
        Assert.Equal(400, probe.Live.Count);
        // Spread over the sensors: every device that reports readings sent some.
        var readingDevices = simulator.Devices.Count(d => d.ReadingCount > 0);
        Assert.True(probe.Live.Select(m => m.Topic).Distinct().Count() >= readingDevices);
    }

    [Fact]
    public async Task The_program_in_load_mode_ends_with_one_JSON_line_of_what_it_published()
    {
        var options = Simulators.For(mqtt);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Jarvis.DeviceSimulator.dll"),
            "--broker", mqtt.ConnectionString, "--prefix", options.DiscoveryPrefix, "--z2m-base-topic", options.Zigbee2MqttBaseTopic,
            "--rate", "100", "--duration", "1", "--seed", "31",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 0, await stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var report = JsonDocument.Parse(line);
        Assert.Equal(100, report.RootElement.GetProperty("published").GetInt64());
        Assert.Equal(100, report.RootElement.GetProperty("acknowledged").GetInt64());
        Assert.True(report.RootElement.GetProperty("seconds").GetDouble() > 0);
    }
}
