using System.Globalization;

namespace Jarvis.AppHost.Hosting;

/// <summary>A resource's output: kept in memory for the dashboard and appended to <c>.jarvis/logs/{name}.log</c>.</summary>
public sealed class ResourceLog : IDisposable
{
    private readonly StreamWriter _file;
    private readonly Lock _lock = new();

    public ResourceLog(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        _file = new StreamWriter(new FileStream(Path.Combine(directory, name + ".log"), FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public LogBuffer Buffer { get; } = new();

    public void Write(int replica, string text, bool isError)
    {
        Buffer.Add(replica, text, isError);
        lock (_lock)
        {
            _file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} [{replica}]{(isError ? " !" : "")} {text}"));
        }
    }

    public void Dispose() => _file.Dispose();
}
