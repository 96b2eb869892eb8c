using Jarvis.ServiceDefaults.Migrations;

namespace Jarvis.Chat.Infrastructure.Migrations;

/// <summary>The chat schema: its migrations (this assembly's) and the advisory lock the chat replicas share.</summary>
public static class ChatSchema
{
    // Any constant shared by every chat replica; "JARVCHAT" in ASCII.
    public static ServiceSchema Definition { get; } = new("chat", 0x4A41525643484154, typeof(ChatSchema).Assembly);
}
