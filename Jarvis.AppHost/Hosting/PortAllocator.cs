using System.Net;
using System.Net.Sockets;

namespace Jarvis.AppHost.Hosting;

/// <summary>Hands out free loopback ports, never the same one twice in a run.</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];
    private readonly Lock _lock = new();

    public int Next()
    {
        lock (_lock)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (_given.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>The preferred port when it is free, else any free one.</summary>
    public int Preferred(int port)
    {
        lock (_lock)
        {
            if (port > 0 && !_given.Contains(port) && IsFree(port))
            {
                _given.Add(port);
                return port;
            }
        }

        return Next();
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
