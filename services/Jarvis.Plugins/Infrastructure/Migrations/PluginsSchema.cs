using Jarvis.ServiceDefaults.Migrations;

namespace Jarvis.Plugins.Infrastructure.Migrations;

/// <summary>The plugins schema: its migrations (this assembly's) and the advisory lock the plugins replicas share.</summary>
public static class PluginsSchema
{
    // "JRVPLUGN" in ASCII: any constant every plugins replica shares.
    public static ServiceSchema Definition { get; } = new("plugins", 0x4A5256504C55474E, typeof(PluginsSchema).Assembly);
}
