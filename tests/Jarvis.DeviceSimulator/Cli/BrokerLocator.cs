using System.Reflection;
using System.Text.Json;
using Jarvis.Simulation.Mqtt;

namespace Jarvis.Simulation.Cli;

/// <summary>
/// Finds the broker: <c>--broker</c>, else <c>ConnectionStrings__mqtt</c> (what the AppHost gives its
/// services), else the <c>mqtt</c> port in a running Jarvis's <c>.jarvis/ports.json</c>, else
/// <c>mqtt://127.0.0.1:1883</c>.
/// </summary>
public static class BrokerLocator
{
    public const string ConnectionStringVariable = "ConnectionStrings__mqtt";

    public static (BrokerAddress Address, string Source) Locate(string? broker, Func<string, string?> environment, IEnumerable<string> searchFrom)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(searchFrom);
        if (!string.IsNullOrWhiteSpace(broker))
        {
            return (BrokerAddress.Parse(broker), "--broker");
        }

        if (environment(ConnectionStringVariable) is { Length: > 0 } connectionString)
        {
            return (BrokerAddress.Parse(connectionString), ConnectionStringVariable);
        }

        foreach (var file in PortsFiles(environment("JARVIS_STATE_DIR"), searchFrom))
        {
            if (ReadMqttPort(file) is { } port)
            {
                return (new BrokerAddress("127.0.0.1", port), file);
            }
        }

        return (BrokerAddress.Default, "default");
    }

    /// <summary>Where a running Jarvis writes its ports: <c>$JARVIS_STATE_DIR</c>, then <c>.jarvis/</c> in each directory and its parents.</summary>
    public static IEnumerable<string> PortsFiles(string? stateDirectory, IEnumerable<string> searchFrom)
    {
        ArgumentNullException.ThrowIfNull(searchFrom);
        if (!string.IsNullOrWhiteSpace(stateDirectory))
        {
            yield return Path.Combine(Path.GetFullPath(stateDirectory), "ports.json");
        }

        foreach (var start in searchFrom)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                yield return Path.Combine(directory.FullName, ".jarvis", "ports.json");
            }
        }
    }

    /// <summary>The current directory and the repository this program was built from.</summary>
    public static IEnumerable<string> DefaultSearch()
    {
        yield return Directory.GetCurrentDirectory();
        if (typeof(BrokerLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Jarvis.RepositoryRoot")?.Value is { Length: > 0 } root)
        {
            yield return root;
        }
    }

    /// <summary>The <c>mqtt</c> entry of a <c>ports.json</c> (<c>{"mqtt": 41234, …}</c>), or null.</summary>
    public static int? ReadMqttPort(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("mqtt", out var port)
                && port.TryGetInt32(out var value) && value is > 0 and < 65536
                ? value
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
