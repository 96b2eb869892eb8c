using System.Diagnostics.Metrics;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// On meter <c>Jarvis.Automation.Automations</c>: <c>jarvis_automation_runs_total</c> by automation and result, and
/// <c>jarvis_automation_trigger_to_action_seconds</c>, the time from a trigger to its run's first action.
/// </summary>
public sealed class AutomationMetrics
{
    public const string MeterName = "Jarvis.Automation.Automations";
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _latency;

    public AutomationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _runs = meter.CreateCounter<long>("jarvis_automation_runs", description: "Automation runs ended, by automation and result");
        _latency = meter.CreateHistogram<double>("jarvis_automation_trigger_to_action_seconds", unit: "s", description: "From a trigger to its run's first action",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    public void RunEnded(Guid automation, string result) =>
        _runs.Add(1, new KeyValuePair<string, object?>("automation", automation.ToString()), new KeyValuePair<string, object?>("result", result));

    public void FirstAction(TimeSpan sinceTrigger) => _latency.Record(sinceTrigger.TotalSeconds);
}
