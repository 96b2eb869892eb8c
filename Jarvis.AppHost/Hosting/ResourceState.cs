namespace Jarvis.AppHost.Hosting;

/// <summary>Where a resource's process is in its life, as the dashboard shows it.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Restarting,
    Stopping,
    Stopped,
    Failed,
}
