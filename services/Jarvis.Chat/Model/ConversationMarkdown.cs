using System.Globalization;
using System.Text;

namespace Jarvis.Chat.Model;

/// <summary>An export as Markdown, for reading: the title, then each message under who said it and when.</summary>
public static class ConversationMarkdown
{
    public static string Write(ConversationExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var text = new StringBuilder();
        text.Append("# ").Append(export.Title ?? "Untitled conversation").Append("\n\n");
        foreach (var message in export.Messages)
        {
            text.Append("**").Append(message.Role == "user" ? "You" : "Jarvis").Append("** · ")
                .Append(message.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
                .Append("\n\n").Append(message.Content.TrimEnd()).Append("\n\n---\n\n");
        }

        return text.ToString();
    }
}
