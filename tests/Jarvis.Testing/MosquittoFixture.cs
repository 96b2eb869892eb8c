using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Testing;
using Jarvis.ServiceDefaults.Integrations;
using Xunit;

namespace Jarvis.Testing;

/// <summary>A real Mosquitto from the machine's binaries, persistence on, in a throwaway directory.</summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary><c>mqtt://127.0.0.1:port</c>.</summary>
    public string ConnectionString => App.GetConnectionString("mqtt");

    public MqttBrokerAddress Address => MqttBrokerAddress.Parse(ConnectionString);

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddMosquitto("mqtt");
        _app = builder.Build();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            TestDirectories.Delete(_app.Options.Layout.StateDirectory);
        }
    }
}
