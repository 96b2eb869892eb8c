namespace Jarvis.Automation.Model;

/// <summary><c>POST /api/automations/import</c>: one line per item of the file, in order.</summary>
public sealed record ImportResult(int Created, int Refused, IReadOnlyList<ImportItem> Items);
