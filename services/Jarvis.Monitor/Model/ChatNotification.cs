namespace Jarvis.Monitor.Model;

/// <summary>What the monitor asks the chat service to tell its admins; the key (the delivery's) makes a retry land once.</summary>
public sealed record ChatNotification(string Text, string Key);
