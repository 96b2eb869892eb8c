namespace Jarvis.Chat.Infrastructure;

/// <summary>The revocation could not be stored; the change that needed it must not commit.</summary>
public sealed class SessionRevocationException(string message, Exception? inner) : Exception(message, inner);
