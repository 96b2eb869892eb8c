namespace Jarvis.Automation.Devices.Templates;

/// <summary>The functions a render may call; values as <see cref="TemplateContext"/> describes, or a <see cref="DateTimeOffset"/>.</summary>
public interface ITemplateFunctions
{
    /// <summary>The result of <paramref name="name"/>(<paramref name="arguments"/>); a <see cref="TemplateException"/> for bad arguments.</summary>
    object? Invoke(string name, IReadOnlyList<object?> arguments);
}
