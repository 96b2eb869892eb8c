using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Engine;

/// <summary>What one result changed: the status shown, the confirmed verdict, and whether flapping began or ended.</summary>
public sealed record CheckTransition(CheckStatus ShownBefore, CheckStatus Shown, CheckStatus ConfirmedBefore, CheckStatus Confirmed, bool FlappingStarted, bool FlappingEnded)
{
    public bool ShownChanged => ShownBefore != Shown;
}
