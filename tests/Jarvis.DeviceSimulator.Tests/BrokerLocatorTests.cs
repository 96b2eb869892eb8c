using Jarvis.Simulation.Cli;
using Jarvis.Simulation.Mqtt;
using Jarvis.Testing;

namespace Jarvis.Simulation.Tests;

public sealed class BrokerLocatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jarvis-simulator-").FullName;

    [Theory]
    [InlineData("mqtt://127.0.0.1:41234", "127.0.0.1", 41234, null)]
    [InlineData("tcp://broker.lan", "broker.lan", 1883, null)]
    [InlineData("localhost:1999", "localhost", 1999, null)]
    [InlineData("mqtt://jarvis:s%40cret@10.0.0.2:8883", "10.0.0.2", 8883, "jarvis")]
    public void Reads_the_connection_string_forms(string text, string host, int port, string? user)
    {
        var address = BrokerAddress.Parse(text);

        Assert.Equal((host, port, user), (address.Host, address.Port, address.UserName));
        Assert.DoesNotContain("cret", address.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_what_is_not_an_MQTT_address() =>
        Assert.Throws<FormatException>(() => BrokerAddress.Parse("http://127.0.0.1:80"));

    [Fact]
    public void Finds_the_running_Jarvis_broker_in_ports_json_above_the_working_directory()
    {
        Directory.CreateDirectory(Path.Combine(_directory, ".jarvis"));
        File.WriteAllText(Path.Combine(_directory, ".jarvis", "ports.json"), """{ "chat": 5100, "mqtt": 41888, "postgres": 5433 }""");
        var below = Directory.CreateDirectory(Path.Combine(_directory, "tests", "deep")).FullName;

        var (address, source) = BrokerLocator.Locate(null, _ => null, [below]);

        Assert.Equal(new BrokerAddress("127.0.0.1", 41888), address);
        Assert.EndsWith("ports.json", source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_option_comes_first_then_the_connection_string_then_ports_json_then_the_default()
    {
        Directory.CreateDirectory(Path.Combine(_directory, ".jarvis"));
        File.WriteAllText(Path.Combine(_directory, ".jarvis", "ports.json"), """{ "mqtt": 41888 }""");
        var environment = new Dictionary<string, string?> { [BrokerLocator.ConnectionStringVariable] = "mqtt://127.0.0.1:41999" };
        var empty = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"jarvis-empty-{Guid.NewGuid():N}")).FullName;

        try
        {
            Assert.Equal(41777, BrokerLocator.Locate("mqtt://127.0.0.1:41777", environment.GetValueOrDefault, [_directory]).Address.Port);
            Assert.Equal(41999, BrokerLocator.Locate(null, environment.GetValueOrDefault, [_directory]).Address.Port);
            Assert.Equal(41888, BrokerLocator.Locate(null, _ => null, [_directory]).Address.Port);
            Assert.Equal(BrokerAddress.Default, BrokerLocator.Locate(null, _ => null, [empty]).Address);
        }
        finally
        {
            TestDirectories.Delete(empty);
        }
    }

    [Fact]
    public void JARVIS_STATE_DIR_names_the_state_directory()
    {
        File.WriteAllText(Path.Combine(_directory, "ports.json"), """{ "mqtt": 42001 }""");

        var (address, _) = BrokerLocator.Locate(null, name => name == "JARVIS_STATE_DIR" ? _directory : null, []);

        Assert.Equal(42001, address.Port);
    }

    [Fact]
    public void A_broken_ports_json_is_passed_over() =>
        Assert.Null(WithPorts("{ not json"));

    public void Dispose() => TestDirectories.Delete(_directory);

    private int? WithPorts(string content)
    {
        var file = Path.Combine(_directory, "broken.json");
        File.WriteAllText(file, content);
        return BrokerLocator.ReadMqttPort(file);
    }
}
