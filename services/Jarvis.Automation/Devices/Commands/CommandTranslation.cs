namespace Jarvis.Automation.Devices.Commands;

/// <summary>The messages a command becomes, in order, or the reason it cannot be sent (a 400 for the API).</summary>
public sealed record CommandTranslation(IReadOnlyList<OutboundMessage> Messages, string? Error)
{
    /// <summary>True when <see cref="Messages"/> should be published.</summary>
    public bool Succeeded => Error is null;

    internal static CommandTranslation Ok(params OutboundMessage[] messages) => new(messages, null);

    internal static CommandTranslation Fail(string error) => new([], error);
}
