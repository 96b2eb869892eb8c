namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>A host API refused a plugin's request; the message goes back to the plugin as a Lua error.</summary>
internal sealed class HostApiException(string message) : Exception(message);
