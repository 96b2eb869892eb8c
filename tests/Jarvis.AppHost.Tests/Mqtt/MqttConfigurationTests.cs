using Jarvis.AppHost.Infrastructure;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Mqtt;

/// <summary>What <c>Mqtt:*</c> accepts and refuses, without starting anything.</summary>
public sealed class MqttConfigurationTests : IDisposable
{
    private readonly string _state = JarvisTestApp.NewStateDirectory();

    [Theory]
    [InlineData("1883", null, 1883)]
    [InlineData("0.0.0.0:1884", "0.0.0.0", 1884)]
    [InlineData("[::]:1885", "::", 1885)]
    public void Listen_takes_a_port_or_an_address_and_port(string text, string? address, int port)
    {
        Assert.Equal(new MqttListenAddress(address, port), MqttListenAddress.Parse(text));
    }

    [Theory]
    [InlineData("broker.lan:1883")]
    [InlineData("0.0.0.0")]
    [InlineData("70000")]
    public void Listen_refuses_anything_else(string text) =>
        Assert.Throws<FormatException>(() => MqttListenAddress.Parse(text));

    [Fact]
    public void A_password_in_the_broker_address_is_refused_and_not_repeated()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build("--Mqtt:Broker=mqtt://house:hunter2secret@192.0.2.1:1883"));
        Assert.Contains("Mqtt:PasswordFile", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_file_others_may_read_is_refused()
    {
        Directory.CreateDirectory(_state);
        var file = Path.Combine(_state, "mqtt-password");
        File.WriteAllText(file, "secret\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var error = Assert.Throws<InvalidOperationException>(() => Build("--Mqtt:Broker=mqtt://house@192.0.2.1:1883", $"--Mqtt:PasswordFile={file}"));
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_a_password_and_Listen_beside_Broker_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Build("--Mqtt:Broker=mqtt://house@192.0.2.1:1883"));
        Assert.Throws<InvalidOperationException>(() => Build("--Mqtt:Broker=mqtt://192.0.2.1:1883", "--Mqtt:Listen=1883"));
    }

    [Fact]
    public void The_default_is_the_AppHosts_own_loopback_broker_without_a_network_listener()
    {
        var mqtt = Build();
        var mosquitto = Assert.IsType<MosquittoResource>(mqtt);
        Assert.Null(mosquitto.DeviceListener);
        Assert.Null(mosquitto.Announcement);
    }

    public void Dispose() => TestDirectories.Delete(_state);

    private Aspire.Hosting.ApplicationModel.IResourceWithConnectionString Build(params string[] args)
    {
        using var builder = JarvisTestApp.CreateBuilder(_state, args);
        return builder.AddMqttBroker("mqtt").Resource;
    }
}
