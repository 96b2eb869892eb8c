using System.Text.Json.Nodes;

namespace Jarvis.Automation.Model;

/// <summary>
/// One row of state history: an entity's state, attributes and availability after a change. Its <see cref="Id"/>
/// grows with every change and is the server-sent event's id. <see cref="Kind"/> is <c>state</c> (state or
/// attributes changed) or <c>availability</c> (only availability did).
/// </summary>
public sealed record StateEvent(long Id, string EntityId, string Kind, string? State, JsonObject Attributes, bool? Available, DateTimeOffset RecordedAt);
