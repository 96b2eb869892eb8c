using Jarvis.Chat.Model;

namespace Jarvis.Chat.Tests;

public sealed record TestUser(UserAccount Account, string Password, HttpClient Http) : IDisposable
{
    public Guid Id => Account.Id;

    public void Dispose() => Http.Dispose();
}
