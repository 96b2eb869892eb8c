using System.Text.Json.Nodes;

namespace Jarvis.Plugins.Model;

/// <summary>A hook's answer (a table, a string or nil as JSON) or why there is none.</summary>
public sealed record PluginCallResult(JsonNode? Value, PluginErrorCode? Error, string? Message)
{
    public bool Ok => Error is null;

    public static PluginCallResult Success(JsonNode? value) => new(value, null, null);

    public static PluginCallResult Failure(PluginErrorCode code, string message) => new(null, code, message);
}
