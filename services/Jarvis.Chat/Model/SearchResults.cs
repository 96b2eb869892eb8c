namespace Jarvis.Chat.Model;

public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Items, int Limit);
