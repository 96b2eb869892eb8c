using Jarvis.Simulation;
using Jarvis.Simulation.Cli;

// dotnet run --project tests/Jarvis.DeviceSimulator [-- --devices 12 | --entities 1000 | --rate 1000 --duration 30]
// Logs go to stderr; stdout carries only the obeyed commands, or load mode's one JSON line.
SimulatorArguments arguments;
SimulatorOptions options;
try
{
    arguments = SimulatorArguments.Parse(args);
    if (arguments.Help)
    {
        Console.WriteLine(SimulatorArguments.Usage);
        return 0;
    }

    var (broker, source) = BrokerLocator.Locate(arguments.Broker, Environment.GetEnvironmentVariable, BrokerLocator.DefaultSearch());
    Console.Error.WriteLine($"Broker {broker} (from {source}).");
    options = arguments.ToOptions(broker, Console.Error);
}
catch (Exception ex) when (ex is FormatException or ArgumentException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SimulatorArguments.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var simulator = new DeviceSimulator(options);
try
{
    await simulator.StartAsync(stop.Token);
}
catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or OperationCanceledException)
{
    Console.Error.WriteLine($"Could not connect to {options.Broker}: {ex.Message}");
    return 1;
}

if (arguments.Rate is { } rate)
{
    var result = await simulator.RunLoadAsync(rate, TimeSpan.FromSeconds(arguments.DurationSeconds ?? 10), stop.Token);
    await simulator.StopAsync(CancellationToken.None);
    Console.WriteLine(result.ToJson());
    return result.Acknowledged == result.Published ? 0 : 1;
}

simulator.CommandObeyed += (_, command) => Console.WriteLine($"{command.Device.Name}: {command.Topic} {command.Payload}");
Console.Error.WriteLine("Reporting readings; Ctrl+C stops.");
await simulator.RunReadingsAsync(stop.Token);
await simulator.StopAsync(CancellationToken.None);
return 0;
