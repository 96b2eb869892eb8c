using System.Text.Json;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Remembers the port each resource got last time (in <c>.jarvis/ports.json</c>) and offers it
/// again when free, so a developer's psql or browser tab keeps working across restarts.
/// </summary>
public sealed class PortBook
{
    private readonly string _file;
    private readonly PortAllocator _allocator = new();
    private readonly Dictionary<string, int> _ports;
    private readonly Lock _lock = new();

    public PortBook(string file)
    {
        _file = file;
        _ports = File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(file)) ?? []
            : [];
    }

    /// <summary>A fixed port when one is configured (it must be free), else the remembered one, else any.</summary>
    public int For(string key, int? fixedPort = null)
    {
        lock (_lock)
        {
            int port;
            if (fixedPort is > 0)
            {
                if (!PortAllocator.IsFree(fixedPort.Value))
                {
                    throw new InvalidOperationException($"Port {fixedPort} for '{key}' is already in use; configure another one.");
                }

                port = _allocator.Preferred(fixedPort.Value);
            }
            else
            {
                port = _allocator.Preferred(_ports.GetValueOrDefault(key));
            }

            _ports[key] = port;
            File.WriteAllText(_file, JsonSerializer.Serialize(_ports));
            return port;
        }
    }
}
