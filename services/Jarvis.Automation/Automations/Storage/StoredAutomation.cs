using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Storage;

/// <summary>An automation's current version as the runtime loads it.</summary>
public sealed record StoredAutomation(Guid Id, int Version, bool Enabled, JsonObject Definition);
