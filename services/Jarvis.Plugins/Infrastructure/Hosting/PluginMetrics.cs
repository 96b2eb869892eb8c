using System.Diagnostics.Metrics;
using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>Meter <c>Jarvis.Plugins</c>: per-plugin calls, errors, timeouts, memory-limit hits, Lua memory, latency.</summary>
internal sealed class PluginMetrics
{
    public const string MeterName = "Jarvis.Plugins";
    private readonly Meter _meter;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _memoryHits;
    private readonly Histogram<double> _duration;

    public PluginMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _calls = _meter.CreateCounter<long>("jarvis.plugins.calls", "{call}", "Hook calls into plugins");
        _errors = _meter.CreateCounter<long>("jarvis.plugins.errors", "{call}", "Hook calls that failed");
        _timeouts = _meter.CreateCounter<long>("jarvis.plugins.timeouts", "{call}", "Hook calls stopped by the execution budget");
        _memoryHits = _meter.CreateCounter<long>("jarvis.plugins.memory_limit_hits", "{call}", "Hook calls stopped by the memory cap");
        _duration = _meter.CreateHistogram<double>("jarvis.plugins.call.duration", "ms", "Hook call latency");
    }

    public void Observe(Func<IEnumerable<(string PluginId, long Bytes)>> memory) =>
        _meter.CreateObservableGauge("jarvis.plugins.lua.memory", () => memory().Select(m =>
            new Measurement<long>(m.Bytes, new KeyValuePair<string, object?>("plugin", m.PluginId))), "By", "Bytes held by each plugin's Lua state");

    public void Record(string pluginId, PluginCallResult result, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("plugin", pluginId);
        _calls.Add(1, tag);
        _duration.Record(elapsed.TotalMilliseconds, tag);
        if (result.Ok)
        {
            return;
        }

        _errors.Add(1, tag, new KeyValuePair<string, object?>("code", result.Error!.Value.ToWire()));
        if (result.Error == PluginErrorCode.Timeout)
        {
            _timeouts.Add(1, tag);
        }
        else if (result.Error == PluginErrorCode.MemoryLimit)
        {
            _memoryHits.Add(1, tag);
        }
    }
}
