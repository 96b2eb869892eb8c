using Jarvis.Simulation.Cli;
using Jarvis.Simulation.Mqtt;

namespace Jarvis.Simulation.Tests;

public sealed class ArgumentsTests
{
    [Fact]
    public void Reads_every_option_in_both_spellings()
    {
        var parsed = SimulatorArguments.Parse(["--entities", "1000", "--rate=500", "--duration", "2.5", "--qos", "0", "--seed=9", "--prefix", "ha"]);

        Assert.Equal((1000, 500d, 2.5, 0, 9, "ha"), (parsed.Entities, parsed.Rate, parsed.DurationSeconds, parsed.Qos, parsed.Seed, parsed.Prefix));
        var options = parsed.ToOptions(BrokerAddress.Default, null);
        Assert.Equal((1000, 0, 9, "ha"), (options.Entities, options.Qos, options.Seed, options.DiscoveryPrefix));
    }

    [Theory]
    [InlineData("--devices", "many")]
    [InlineData("--rate", "-1")]
    [InlineData("--frobnicate", "1")]
    public void Refuses_what_it_cannot_read(string name, string value) =>
        Assert.Throws<FormatException>(() => SimulatorArguments.Parse([name, value]));

    [Fact]
    public void Refuses_a_QoS_above_two() =>
        Assert.ThrowsAny<ArgumentException>(() => SimulatorArguments.Parse(["--qos", "3"]).ToOptions(BrokerAddress.Default, null));
}
