namespace Jarvis.Automation.Automations.Runtime;

/// <summary>A committed state change as a grain receives it: the entity's snapshot before and after, as JSON.</summary>
[GenerateSerializer, Immutable]
public sealed record StateChangeNotice([property: Id(0)] string EntityId, [property: Id(1)] string? Old, [property: Id(2)] string New);
