using System.Net;
using System.Net.Sockets;

namespace Jarvis.Monitor.Tests.Targets;

/// <summary>A port that accepts connections while open and refuses them once closed, on the same port each time.</summary>
public sealed class TcpTarget : IDisposable
{
    private TcpListener? _listener;

    public TcpTarget()
    {
        Port = HttpTargetProcess.FreePort();
    }

    public int Port { get; }

    public void Open()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    public void Close()
    {
        _listener?.Stop();
        _listener?.Dispose();
        _listener = null;
    }

    public void Dispose() => Close();

    private static async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Closed.
        }
    }
}
