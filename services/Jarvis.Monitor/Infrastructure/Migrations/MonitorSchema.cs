using Jarvis.ServiceDefaults.Migrations;

namespace Jarvis.Monitor.Infrastructure.Migrations;

/// <summary>The monitor schema: its migrations (this assembly's) and the advisory lock the monitor replicas share.</summary>
public static class MonitorSchema
{
    // Any constant shared by every monitor replica; "JARVMONI" in ASCII.
    public static ServiceSchema Definition { get; } = new("monitor", 0x4A4152564D4F4E49, typeof(MonitorSchema).Assembly);
}
