namespace Jarvis.Monitor.Model;

/// <summary>Where alerts go. A webhook's secret is write-only: the API says whether one is set, never what it is.</summary>
public sealed record AlertChannel(Guid Id, string Name, ChannelKind Kind, bool Enabled, string? Url, bool HasSecret, DateTimeOffset CreatedAt)
{
    /// <summary>Not serialized: the HMAC key, for the sender only.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Secret { get; init; }
}
