namespace Jarvis.Monitor.Model;

/// <summary>Create or replace an alert channel. A webhook needs <see cref="Url"/>; <see cref="Secret"/> (16+ characters) signs its bodies.</summary>
public sealed record ChannelRequest(string? Name, string? Kind, bool? Enabled, string? Url, string? Secret);
