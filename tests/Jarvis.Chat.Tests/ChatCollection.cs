namespace Jarvis.Chat.Tests;

[CollectionDefinition(Name)]
public sealed class ChatCollection : ICollectionFixture<ChatServiceFixture>
{
    public const string Name = "chat service";
}
