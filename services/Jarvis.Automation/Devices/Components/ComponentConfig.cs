using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Devices.Components;

/// <summary>The typed options of one supported component; each reads its own state and writes its own commands.</summary>
public abstract record ComponentConfig
{
    /// <summary>The topics this component reads state from.</summary>
    public abstract IEnumerable<string?> StateTopics { get; }

    /// <summary>False for read-only entities (sensors, a switch without <c>command_topic</c>).</summary>
    public abstract bool AcceptsCommands { get; }

    internal abstract void Read(StateBuilder state);

    internal abstract CommandTranslation Translate(CommandContext context);
}
