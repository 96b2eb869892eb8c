namespace Jarvis.Automation.Automations.Definitions;

/// <summary>One field of <c>time_pattern</c>: any (<c>*</c> or absent), a value, or every n-th (<c>/n</c>).</summary>
public sealed record TimePattern(int? Value, int? Every)
{
    public static TimePattern Any { get; } = new(null, null);

    public bool Matches(int value) => Value is { } exact ? value == exact : Every is not { } every || value % every == 0;
}
