namespace Jarvis.AppHost.Hosting;

/// <summary>Anything in the application model: a server, a database, a service project.</summary>
public interface IResource
{
    string Name { get; }

    /// <summary>What the dashboard calls this kind of resource.</summary>
    string Kind { get; }

    /// <summary>Resources that must be healthy before this one starts.</summary>
    IList<IResource> WaitsFor { get; }

    /// <summary>The resources that actually run a process for this one (a database: its server).</summary>
    IResource Owner => this;
}
