namespace Jarvis.Automation.Devices.Templates;

/// <summary>A name or key that is not there; it chains (<c>value_json.a.b</c> with no <c>a</c>) and remembers its path.</summary>
internal sealed record Undefined(string Path);
