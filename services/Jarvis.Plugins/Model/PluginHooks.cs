namespace Jarvis.Plugins.Model;

/// <summary>The hooks a plugin may implement.</summary>
public static class PluginHooks
{
    public const string OnMessage = "on_message";
    public const string OnCommand = "on_command";
    public const string OnEvent = "on_event";
    public const string OnSchedule = "on_schedule";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { OnMessage, OnCommand, OnEvent, OnSchedule };
}
