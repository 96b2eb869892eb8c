namespace Jarvis.Chat.Replies;

/// <summary>"help", "what can you do": the list of what Jarvis can really do today.</summary>
public sealed class HelpSkill : IReplySource
{
    public const string Text = """
        Here is what I can do today:
        • say hello — greet me ("hi", "good morning");
        • tell the time and date — ask "what time is it?" or "what's the date?";
        • help — show this list.
        Device control and plugins are not connected yet; I'll tell you when I can't do something.
        """;

    public ValueTask<string?> TryReplyAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asks = request.HasWord("help", "commands")
            || request.Content.Contains("what can you do", StringComparison.OrdinalIgnoreCase)
            || request.Content.Trim() == "?";
        return ValueTask.FromResult(asks ? Text : null);
    }
}
