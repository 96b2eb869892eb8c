namespace Jarvis.Automation.Devices.Templates;

/// <summary>What rendering a template gave: the output, or an error saying why there is none.</summary>
public readonly record struct TemplateResult(string? Output, string? Error)
{
    /// <summary>True when <see cref="Output"/> holds the rendered text.</summary>
    public bool Succeeded => Error is null;

    internal static TemplateResult Success(string output) => new(output, null);

    internal static TemplateResult Failure(string error) => new(null, error);
}
