using System.Text.Json.Nodes;

namespace Jarvis.Automation.Model;

/// <summary>
/// One step of a run: its <see cref="Path"/> in the definition (<c>action/2/then/0</c>, <c>condition/0</c>,
/// <c>trigger/1</c>), the repeat <see cref="Iteration"/>s it ran in (<c>3</c>, <c>3.1</c>; empty outside a repeat),
/// when it started and ended, what it did or saw (<see cref="Result"/>), and any error.
/// </summary>
public sealed record TraceStep(int Seq, string Path, string Iteration, string Kind, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, JsonNode? Result, string? Error);
