namespace Jarvis.Chat.Replies;

/// <summary>Jarvis's reply: the first source that can answer, else an honest "I can't".</summary>
public sealed class AssistantReplies(IEnumerable<IReplySource> sources)
{
    public const string Fallback =
        "I can't do that yet. Type \"help\" to see what I can do.";

    private readonly IReplySource[] _sources = sources.ToArray();

    public async ValueTask<string> ReplyAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            if (await source.TryReplyAsync(request, cancellationToken) is { Length: > 0 } reply)
            {
                return reply;
            }
        }

        return Fallback;
    }
}
