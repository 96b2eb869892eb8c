using System.Text.Json.Nodes;

namespace Jarvis.Automation.Model;

/// <summary>
/// An entity's current state. <see cref="Available"/> is null while its availability topics have not said;
/// <see cref="Error"/> says why the last message on its topics could not be read (null when it could).
/// </summary>
public sealed record EntityState(string? Value, JsonObject Attributes, bool? Available, DateTimeOffset? LastChanged, DateTimeOffset? LastUpdated, string? Error);
