namespace Jarvis.Chat.Replies;

/// <summary>
/// One thing Jarvis can answer. Sources are asked in order; the first that returns a reply wins.
/// Skills here; plugins and devices join as further sources later.
/// </summary>
public interface IReplySource
{
    /// <summary>A reply, or null when this source cannot serve the request.</summary>
    ValueTask<string?> TryReplyAsync(ReplyRequest request, CancellationToken cancellationToken);
}
