namespace Jarvis.Automation.Devices.Templates;

/// <summary>One token of an expression; <paramref name="Value"/> is the parsed literal for numbers and strings.</summary>
internal sealed record TemplateToken(TemplateTokenKind Kind, string Text, object? Value, int Position)
{
    public bool Is(string symbolOrKeyword) =>
        Kind is TemplateTokenKind.Symbol or TemplateTokenKind.Name && string.Equals(Text, symbolOrKeyword, StringComparison.Ordinal);
}
