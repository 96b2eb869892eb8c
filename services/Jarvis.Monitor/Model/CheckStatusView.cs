namespace Jarvis.Monitor.Model;

/// <summary>A check in the status answer: its live state and its uptime ratios.</summary>
public sealed record CheckStatusView(CheckSnapshot Check, UptimeRatios Uptime);
