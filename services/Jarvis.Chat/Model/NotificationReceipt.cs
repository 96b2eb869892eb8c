namespace Jarvis.Chat.Model;

/// <summary>How many admins the notification reached.</summary>
public sealed record NotificationReceipt(int Admins);
