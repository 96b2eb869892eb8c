namespace Jarvis.Chat.Replies;

/// <summary>What a person said, with the words already split out for matching.</summary>
public sealed record ReplyRequest(string Content, string? UserName)
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', '.', '!', '?', ';', ':', '"', '(', ')'];

    public IReadOnlyList<string> Words { get; } =
        Content.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether any phrase occurs, on word boundaries, in the whitespace-normalised text.</summary>
    public bool HasPhrase(params ReadOnlySpan<string> phrases)
    {
        var text = $" {string.Join(' ', Words)} ";
        foreach (var phrase in phrases)
        {
            if (text.Contains($" {phrase} ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool HasWord(params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (Words.Contains(word))
            {
                return true;
            }
        }

        return false;
    }
}
