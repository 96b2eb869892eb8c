namespace Jarvis.Monitor.Model;

/// <summary>What the monitor asks the chat service to tell its admins.</summary>
public sealed record ChatNotification(string Text, string Source, string Kind);
