namespace Jarvis.Chat.Model;

/// <summary>
/// A conversation as a file: what <c>GET …/export</c> writes and <c>POST …/import</c> reads back. <see cref="Id"/> is the
/// exported conversation's id; importing the same export again finds the conversation made the first time.
/// </summary>
public sealed record ConversationExport(
    string Format, int Version, Guid Id, string? Title, bool Pinned, bool Archived, DateTimeOffset CreatedAt, IReadOnlyList<ExportedMessage> Messages)
{
    public const string FormatName = "jarvis.conversation";
    public const int CurrentVersion = 1;
}
