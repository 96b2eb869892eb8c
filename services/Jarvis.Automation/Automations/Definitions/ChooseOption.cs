namespace Jarvis.Automation.Automations.Definitions;

/// <summary>One option of <c>choose</c>: when all its conditions hold, its sequence runs.</summary>
public sealed record ChooseOption(IReadOnlyList<ConditionDefinition> Conditions, IReadOnlyList<ActionDefinition> Sequence);
