namespace Jarvis.Automation.Devices.Templates;

/// <summary>A template refused at compile or at render; caught inside <see cref="Template"/>, never seen outside.</summary>
internal sealed class TemplateException(string message) : Exception(message);
