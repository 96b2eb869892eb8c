namespace Jarvis.Monitor.Model;

/// <summary>The overall status (down if any check is down, else pending if any is, else up) and each check's.</summary>
public sealed record StatusReport(CheckStatus Status, DateTimeOffset At, bool Leader, IReadOnlyList<CheckStatusView> Checks);
