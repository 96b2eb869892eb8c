using System.Text.Json.Nodes;

namespace Jarvis.Automation.Model;

/// <summary>A run's trace: the run, its variables at the end (or at its last wait), and each step by path.</summary>
public sealed record RunTrace(RunSummary Run, JsonObject Variables, IReadOnlyList<TraceStep> Steps);
