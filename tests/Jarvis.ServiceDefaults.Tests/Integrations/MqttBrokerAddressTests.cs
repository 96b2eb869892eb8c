using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.ServiceDefaults.Tests.Integrations;

public sealed class MqttBrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://127.0.0.1:1884", "127.0.0.1", 1884)]
    [InlineData("mqtt://broker.local", "broker.local", 1883)]
    [InlineData("127.0.0.1:1999", "127.0.0.1", 1999)]
    [InlineData("tcp://10.0.0.2:1883", "10.0.0.2", 1883)]
    public void Connection_strings_name_host_and_port(string text, string host, int port)
    {
        Assert.Equal(new MqttBrokerAddress(host, port), MqttBrokerAddress.Parse(text));
    }

    [Theory]
    [InlineData("http://127.0.0.1:1883")]
    [InlineData("mqtt://")]
    public void Other_schemes_and_empty_hosts_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => MqttBrokerAddress.Parse(text));
    }
}
