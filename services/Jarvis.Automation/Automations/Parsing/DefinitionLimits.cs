namespace Jarvis.Automation.Automations.Parsing;

/// <summary>
/// What a definition may weigh. A document beyond any of them is refused before it is read further, so that a
/// huge or deeply nested body, or a YAML alias bomb, costs the service nothing.
/// </summary>
/// <param name="MaxDocumentLength">Characters in one automation's document.</param>
/// <param name="MaxImportLength">Characters in an imported automations.yaml.</param>
/// <param name="MaxDepth">Nesting of mappings and lists.</param>
/// <param name="MaxNodes">Mappings, lists and scalars in one document.</param>
/// <param name="MaxScalarLength">Characters in one scalar.</param>
public sealed record DefinitionLimits(
    int MaxDocumentLength = 32 * 1024,
    int MaxImportLength = 1024 * 1024,
    int MaxDepth = 24,
    int MaxNodes = 4000,
    int MaxScalarLength = 4096)
{
    public static DefinitionLimits Default { get; } = new();
}
