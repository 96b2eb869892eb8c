using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Mqtt;

/// <summary><c>Mqtt:Broker</c> naming a separately started broker, its password in a file named by <c>Mqtt:PasswordFile</c>.</summary>
public sealed class ExternalBrokerFixture : IAsyncLifetime
{
    private JarvisTestApp? _app;
    private TestBroker? _broker;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jarvis-test-pw-" + Guid.NewGuid().ToString("N")[..12]);

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public TestBroker Broker => _broker ?? throw new InvalidOperationException("The fixture has not started.");

    public string PasswordFile => Path.Combine(_directory, "mqtt-password");

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        Directory.CreateDirectory(_directory);
        AppHost.Hosting.SecretFile.Write(PasswordFile, _broker.Password + "\n");
        _app = await JarvisTestApp.StartAsync(MqttModel.Describe, null,
            $"--Mqtt:Broker=mqtt://{TestBroker.User}@127.0.0.1:{_broker.Port}", $"--Mqtt:PasswordFile={PasswordFile}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        TestDirectories.Delete(_directory);
    }
}
