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

    /// <summary>Where the broker keeps its persistence file (<c>mosquitto.db</c>).</summary>
    public string DataDirectory => App.Jarvis.Layout.State("mosquitto", "data");

    /// <summary>When the broker last saved its persistence file (it saves every second), or null before the first save.</summary>
    public DateTime? LastSaved =>
        File.Exists(Path.Combine(DataDirectory, "mosquitto.db")) ? File.GetLastWriteTimeUtc(Path.Combine(DataDirectory, "mosquitto.db")) : null;

    /// <summary><c>kill -9</c> of the broker; the AppHost's supervision starts it again from its persistence file.</summary>
    public void Kill() => App.KillResource("mqtt");

    /// <summary>Stops the broker as an operator would (it saves its persistence first); it stays stopped.</summary>
    public Task StopAsync() => App.StopResourceAsync("mqtt");

    /// <summary>Starts the stopped broker; <paramref name="forgetPersistence"/> deletes its saved sessions and messages first.</summary>
    public Task StartAsync(bool forgetPersistence = false)
    {
        if (forgetPersistence && Directory.Exists(DataDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(DataDirectory))
            {
                File.Delete(file);
            }
        }

        return App.StartResourceAsync("mqtt");
    }

    /// <summary>Waits until the broker runs and answers again (after <see cref="Kill"/>, the supervision's restart).</summary>
    public Task WaitUntilHealthyAsync(DateTime since) => App.WaitForHealthyAsync("mqtt", JarvisTestApp.StartTimeout, since);

    public async Task InitializeAsync() => _app = await JarvisTestApp.StartAsync(b => b.AddMosquitto("mqtt"));

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
