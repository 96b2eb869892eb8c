using System.Text.Json;
using Jarvis.AppHost.Infrastructure;
using Jarvis.ServiceDefaults.Integrations;
using MQTTnet;
using MQTTnet.Protocol;

namespace Jarvis.AppHost.Tests.Mqtt;

public sealed class NetworkListenerTests(NetworkListenerFixture fixture) : IClassFixture<NetworkListenerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private string Password => fixture.App.Secrets.GetOrCreate(MosquittoResource.DevicePasswordSecret);

    [Fact]
    public async Task The_network_listener_refuses_anonymous_clients_and_wrong_passwords()
    {
        // A refusal in the broker's CONNACK, not a closed port: the listener is there and says no.
        Assert.NotEqual(MqttClientConnectResultCode.Success, await MqttModel.ConnectResultAsync("127.0.0.1", fixture.ListenPort));
        Assert.NotEqual(MqttClientConnectResultCode.Success,
            await MqttModel.ConnectResultAsync("127.0.0.1", fixture.ListenPort, MosquittoResource.DeviceUser, "not-the-password"));
        Assert.Equal(MqttClientConnectResultCode.Success,
            await MqttModel.ConnectResultAsync("127.0.0.1", fixture.ListenPort, MosquittoResource.DeviceUser, Password));

        // The loopback listener Jarvis's services use stays anonymous.
        var loopback = MqttBrokerAddress.Parse(fixture.App.GetConnectionString("mqtt"));
        Assert.Equal(MqttClientConnectResultCode.Success, await MqttModel.ConnectResultAsync(loopback.Host, loopback.Port));
    }

    [Fact]
    public async Task A_device_with_the_generated_credentials_reaches_the_same_broker_as_the_services()
    {
        var loopback = MqttBrokerAddress.Parse(fixture.App.GetConnectionString("mqtt"));
        Assert.Null(loopback.Username);

        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscriber = await MqttModel.ConnectAsync(loopback.Host, loopback.Port);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync("jarvis/test/from-device", MqttQualityOfServiceLevel.AtLeastOnce);

        using var device = await MqttModel.ConnectAsync("127.0.0.1", fixture.ListenPort, MosquittoResource.DeviceUser, Password);
        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("jarvis/test/from-device").WithPayload("hello")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal("hello", await received.Task.WaitAsync(Deadline));
    }

    [Fact]
    public async Task The_services_keep_the_anonymous_loopback_listener()
    {
        foreach (var service in new[] { "automation", "monitor" })
        {
            var variable = await MqttModel.VariableAsync(fixture.App, service, "ConnectionStrings__mqtt");
            Assert.Equal(fixture.App.GetConnectionString("mqtt"), variable);
            Assert.Equal(fixture.App.Resource<MosquittoResource>("mqtt").Port, MqttBrokerAddress.Parse(variable!).Port);
            await MqttModel.WaitForMqttCheckHealthyAsync(fixture.App, service, Deadline);
        }
    }

    [Fact]
    public async Task The_password_is_in_no_process_environment_and_the_password_file_holds_only_its_hash()
    {
        foreach (var resource in new[] { "automation", "monitor", "mqtt" })
        {
            Assert.All(await MqttModel.EnvironmentsAsync(fixture.App, resource),
                environment => Assert.DoesNotContain(Password, environment, StringComparison.Ordinal));
        }

        var passwordFile = Path.Combine(fixture.App.StateDirectory, "mosquitto", "passwd");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        var content = await File.ReadAllTextAsync(passwordFile);
        Assert.StartsWith($"{MosquittoResource.DeviceUser}:$7$", content, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, content, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(Path.Combine(fixture.App.Secrets.Directory, MosquittoResource.DevicePasswordSecret)));
    }

    [Fact]
    public async Task The_start_line_and_ports_json_say_where_devices_connect_without_the_password()
    {
        var announcement = fixture.App.Resource<MosquittoResource>("mqtt").Announcement;
        Assert.NotNull(announcement);
        Assert.Contains($"127.0.0.1:{fixture.ListenPort}", announcement, StringComparison.Ordinal);
        Assert.Contains(MosquittoResource.DevicePasswordSecret, announcement, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, announcement, StringComparison.Ordinal);

        var ports = JsonSerializer.Deserialize<Dictionary<string, int>>(await File.ReadAllTextAsync(Path.Combine(fixture.App.StateDirectory, "ports.json")))!;
        Assert.Equal(fixture.ListenPort, ports["mqtt-devices"]);
        Assert.Equal(fixture.App.Resource<MosquittoResource>("mqtt").Port, ports["mqtt"]);
    }
}
