using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;

namespace Jarvis.Automation.Automations.Parsing;

/// <summary>A definition read and validated, with its JSON form (what is stored), or the reasons it is refused.</summary>
public sealed record DefinitionResult(AutomationDefinition? Definition, JsonObject? Json, IReadOnlyList<DefinitionError> Errors)
{
    public bool Succeeded => Definition is not null && Errors.Count == 0;

    public static DefinitionResult Refused(string path, string message) => new(null, null, [new DefinitionError(path, message)]);
}
