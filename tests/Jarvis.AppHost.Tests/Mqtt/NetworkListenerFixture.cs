using System.Net;
using System.Net.Sockets;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Mqtt;

/// <summary>The AppHost's Mosquitto with <c>Mqtt:Listen</c> on a free port, and the services that use it.</summary>
public sealed class NetworkListenerFixture : IAsyncLifetime
{
    private JarvisTestApp? _app;

    public JarvisTestApp App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>
    /// The network listener's port. On loopback here: what is tested is who it lets in, not the interface. Below the
    /// ephemeral range: the model's own free ports come from there, and one handed out before the model starts
    /// (and not yet bound) could be handed out again to another of its resources.
    /// </summary>
    public int ListenPort { get; } = FreePortBelowEphemeralRange();

    private static int FreePortBelowEphemeralRange()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No free port between 20000 and 32000.");
    }

    public async Task InitializeAsync() =>
        _app = await JarvisTestApp.StartAsync(MqttModel.Describe, null, $"--Mqtt:Listen=127.0.0.1:{ListenPort}");

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
