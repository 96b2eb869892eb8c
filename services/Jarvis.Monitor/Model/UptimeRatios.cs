namespace Jarvis.Monitor.Model;

/// <summary>The share of attempts that passed (maintenance excluded); null where nothing was recorded.</summary>
public sealed record UptimeRatios(double? Day, double? Week, double? Month, double? Year);
