namespace Jarvis.Gateway.Model;

/// <summary>A person as the chat service's credential check names them.</summary>
public sealed record SignedInUser(string Id, string Username, string Role);
