namespace Jarvis.Chat.Model;

/// <summary>What a send answers: the stored user message and Jarvis's reply to it.</summary>
public sealed record MessageExchange(Message Message, Message Reply);
