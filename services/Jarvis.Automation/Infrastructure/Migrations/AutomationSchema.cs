using Jarvis.ServiceDefaults.Migrations;

namespace Jarvis.Automation.Infrastructure.Migrations;

/// <summary>The automation schema: its migrations (this assembly's) and the advisory lock the automation replicas share.</summary>
public static class AutomationSchema
{
    // "JRVAUTOM" in ASCII: any constant every automation replica shares.
    public static ServiceSchema Definition { get; } = new("automation", 0x4A52564155544F4D, typeof(AutomationSchema).Assembly);
}
