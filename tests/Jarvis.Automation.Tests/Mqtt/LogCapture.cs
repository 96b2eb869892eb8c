using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>Keeps every log entry the service writes, with its event id and structured values.</summary>
public sealed class LogCapture : ILoggerProvider, ILogger
{
    public ConcurrentQueue<(EventId Id, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value)
            : new Dictionary<string, object?>();
        Entries.Enqueue((eventId, logLevel, formatter(state, exception), values));
    }

    public IEnumerable<string> Messages(int eventId) => Entries.Where(e => e.Id.Id == eventId).Select(e => e.Message);

    public void Dispose()
    {
    }
}
