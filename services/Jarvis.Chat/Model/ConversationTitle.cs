namespace Jarvis.Chat.Model;

/// <summary>A conversation without a title is named from its first message.</summary>
public static class ConversationTitle
{
    public const int MaxLength = 200;
    private const int DerivedLength = 60;

    public static string FromFirstMessage(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var words = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var text = string.Join(' ', words);
        if (text.Length <= DerivedLength)
        {
            return text.Length == 0 ? "New conversation" : text;
        }

        var cut = text.LastIndexOf(' ', DerivedLength);
        return string.Concat(text.AsSpan(0, cut > DerivedLength / 2 ? cut : DerivedLength), "…");
    }
}
