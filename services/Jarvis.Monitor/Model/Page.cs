namespace Jarvis.Monitor.Model;

/// <summary>One page, newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next page (null: no more).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Limit, string? NextBefore);
