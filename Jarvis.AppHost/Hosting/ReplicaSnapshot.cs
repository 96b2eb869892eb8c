using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Hosting;

/// <summary>One running instance of a resource as the orchestrator last described it.</summary>
public sealed record ReplicaSnapshot(IResource Resource, string ResourceId, CustomResourceSnapshot Snapshot)
{
    /// <summary>The port the instance itself listens on for <c>http</c> (a project's first URL), if known.</summary>
    public int? HttpPort => FirstUrlPort(Variable("ASPNETCORE_URLS"));

    public int? ProcessId => Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
        && int.TryParse(pid.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public string? State => Snapshot.State?.Text;

    public string? Variable(string name) => Snapshot.EnvironmentVariables.FirstOrDefault(e => e.Name == name)?.Value;

    private static int? FirstUrlPort(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is not null && Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Port
            : null;
    }
}
