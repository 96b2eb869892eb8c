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

    [Fact]
    public void Credentials_in_the_connection_string_are_read_and_never_printed()
    {
        var address = MqttBrokerAddress.Parse("mqtt://jarvis:p%40ss%3Aword@broker.lan:8883");

        Assert.Equal(("broker.lan", 8883, "jarvis", "p@ss:word"), (address.Host, address.Port, address.Username, address.Password));
        Assert.DoesNotContain("p@ss", address.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_connection_string_is_named_without_its_password()
    {
        var ex = Assert.Throws<FormatException>(() => MqttBrokerAddress.Parse("http://jarvis:secret@broker.lan"));

        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }
}
