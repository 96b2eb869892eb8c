namespace Jarvis.Plugins.Model;

public enum PluginStatus
{
    Loaded,
    Failed,
    Disabled,
}
