namespace Jarvis.Chat.Replies;

/// <summary>Hello back, by name, with a pointer to help.</summary>
public sealed class GreetingSkill : IReplySource
{
    public ValueTask<string?> TryReplyAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var greets = request.Words.Count > 0 && request.Words[0] is "hi" or "hello" or "hey" or "hiya" or "greetings" or "yo"
            || request.Content.StartsWith("good morning", StringComparison.OrdinalIgnoreCase)
            || request.Content.StartsWith("good afternoon", StringComparison.OrdinalIgnoreCase)
            || request.Content.StartsWith("good evening", StringComparison.OrdinalIgnoreCase);
        if (!greets)
        {
            return ValueTask.FromResult<string?>(null);
        }

        var name = string.IsNullOrWhiteSpace(request.UserName) ? "" : $", {request.UserName}";
        return ValueTask.FromResult<string?>($"Hello{name}! I'm Jarvis. Type \"help\" to see what I can do.");
    }
}
