namespace Jarvis.Automation.Devices.Templates;

/// <summary>A node of a compiled template; <see cref="Path"/> is how it reads in the source, for error messages.</summary>
internal abstract class TemplateExpression(string path)
{
    public string Path { get; } = path;

    public abstract object? Evaluate(TemplateScope scope);
}
