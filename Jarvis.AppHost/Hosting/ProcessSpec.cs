namespace Jarvis.AppHost.Hosting;

/// <summary>How to start one replica of a resource.</summary>
public sealed class ProcessSpec
{
    public required string FileName { get; init; }
    public IList<string> Arguments { get; init; } = [];
    public IDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public string? WorkingDirectory { get; init; }
    /// <summary>Drop to this account before exec (PostgreSQL refuses to run as root).</summary>
    public SystemUser? RunAs { get; init; }
}
