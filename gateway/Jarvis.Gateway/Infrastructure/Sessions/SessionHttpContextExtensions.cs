using Jarvis.Gateway.Model;

namespace Jarvis.Gateway.Infrastructure.Sessions;

/// <summary>The session the authentication handler resolved for this request.</summary>
public static class SessionHttpContextExtensions
{
    private static readonly object Key = new();

    public static Session? GetSession(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var value) ? value as Session : null;

    internal static void SetSession(this HttpContext context, Session session) => context.Items[Key] = session;
}
