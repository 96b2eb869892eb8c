namespace Jarvis.AppHost.Infrastructure;

/// <summary>A resource with something a person must know at start (where devices connect), printed by the start report.</summary>
public interface IStartAnnouncement
{
    /// <summary>One line, or null when there is nothing to say. Never a secret value.</summary>
    string? Announcement { get; }
}
