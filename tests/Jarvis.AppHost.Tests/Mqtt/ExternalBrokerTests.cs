using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Integrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jarvis.AppHost.Tests.Mqtt;

public sealed class ExternalBrokerTests(ExternalBrokerFixture fixture) : IClassFixture<ExternalBrokerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public void No_Mosquitto_is_in_the_model()
    {
        Assert.Empty(fixture.App.Model.Resources.OfType<MosquittoResource>());
        Assert.DoesNotContain(fixture.App.Model.Resources.OfType<ExecutableResource>(), r => r.Command.EndsWith("mosquitto", StringComparison.Ordinal));
        var broker = fixture.App.Resource<ExternalMqttBrokerResource>("mqtt");
        Assert.Equal(fixture.Broker.Port, broker.Port);
        Assert.DoesNotContain(fixture.Broker.Password, broker.Announcement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Automation_and_monitor_connect_with_the_password_from_their_secret_file_only()
    {
        await MqttModel.WaitForMqttCheckHealthyAsync(fixture.App, "automation", Deadline);
        await MqttModel.WaitForMqttCheckHealthyAsync(fixture.App, "monitor", Deadline);

        var encoded = Uri.EscapeDataString(fixture.Broker.Password);
        foreach (var service in new[] { "automation", "monitor" })
        {
            var variable = await MqttModel.VariableAsync(fixture.App, service, "ConnectionStrings__mqtt");
            Assert.Equal($"mqtt://{TestBroker.User}@127.0.0.1:{fixture.Broker.Port}", variable);

            var secrets = await MqttModel.VariableAsync(fixture.App, service, ServiceBuilderExtensions.SecretsDirectoryVariable);
            var file = Path.Combine(secrets!, "ConnectionStrings__mqtt");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var address = MqttBrokerAddress.Parse(await File.ReadAllTextAsync(file));
            Assert.Equal((TestBroker.User, fixture.Broker.Password, fixture.Broker.Port), (address.Username, address.Password, address.Port));

            Assert.All(await MqttModel.EnvironmentsAsync(fixture.App, service), environment =>
            {
                Assert.DoesNotContain(fixture.Broker.Password, environment, StringComparison.Ordinal);
                Assert.DoesNotContain(encoded, environment, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public async Task The_model_shows_the_broker_unhealthy_while_it_is_unreachable()
    {
        await MqttModel.WaitForHealthAsync(fixture.App, "mqtt", HealthStatus.Healthy, Deadline);
        await fixture.Broker.StopAsync();
        try
        {
            await MqttModel.WaitForHealthAsync(fixture.App, "mqtt", HealthStatus.Unhealthy, Deadline);
        }
        finally
        {
            await fixture.Broker.RunAsync();
        }

        await MqttModel.WaitForHealthAsync(fixture.App, "mqtt", HealthStatus.Healthy, Deadline);
        await MqttModel.WaitForMqttCheckHealthyAsync(fixture.App, "automation", Deadline);
    }
}
