using Jarvis.AppHost.Infrastructure;
using Jarvis.ServiceDefaults.Integrations;
using Xunit;

namespace Jarvis.Testing;

/// <summary>A real Mosquitto from the machine's binaries, persistence on, in a throwaway directory.</summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    private JarvisTestApp? _app;

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary><c>mqtt://127.0.0.1:port</c>.</summary>
    public string ConnectionString => App.GetConnectionString("mqtt");

    public MqttBrokerAddress Address => MqttBrokerAddress.Parse(ConnectionString);

    public async Task InitializeAsync() => _app = await JarvisTestApp.StartAsync(b => b.AddMosquitto("mqtt"));

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
