using Jarvis.Automation.Devices.Discovery;

namespace Jarvis.Automation.Devices.Components;

/// <summary>Options a component cannot do without; a missing one makes the entity invalid.</summary>
internal static class Required
{
    public static string Topic(ConfigReader r, string key, string component, bool publish = false)
    {
        var topic = publish ? r.CommandTopic(key) : r.Topic(key);
        if (topic is null && !r.Has(key))
        {
            r.Problems.Add($"a {component} needs a {key}");
        }

        return topic ?? string.Empty;
    }
}
