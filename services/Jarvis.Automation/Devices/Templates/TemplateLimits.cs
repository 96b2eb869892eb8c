namespace Jarvis.Automation.Devices.Templates;

/// <summary>
/// The budgets a template is compiled and rendered within. A template or an input beyond them is refused
/// with an error naming the budget; nothing waits, nothing throws.
/// </summary>
/// <param name="MaxSourceLength">Longest template source accepted at compile, in characters.</param>
/// <param name="MaxNestingDepth">Deepest nesting of expressions (parentheses, filters, conditions) accepted at compile.</param>
/// <param name="MaxInputLength">Longest payload or value a render accepts, in characters; a larger one is refused before it is read.</param>
/// <param name="MaxOutputLength">Longest output, and longest string built while rendering, in characters.</param>
/// <param name="MaxSteps">Most evaluation steps one render may take.</param>
/// <param name="TimeBudget">Longest one render may run; a backstop behind the step budget.</param>
public sealed record TemplateLimits(
    int MaxSourceLength = 4096,
    int MaxNestingDepth = 32,
    int MaxInputLength = 64 * 1024,
    int MaxOutputLength = 16 * 1024,
    int MaxSteps = 10_000,
    TimeSpan? TimeBudget = null)
{
    /// <summary>The budgets used when none are given.</summary>
    public static TemplateLimits Default { get; } = new();

    /// <summary>The time budget, 50 ms unless set.</summary>
    public TimeSpan EffectiveTimeBudget => TimeBudget ?? TimeSpan.FromMilliseconds(50);
}
