using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Resources;

/// <summary>A database on a <see cref="PostgresServerResource"/>; referencing it hands over its connection string.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server) : IResourceWithConnectionString
{
    public string Name { get; } = name;

    public string Kind => "PostgreSQL database";

    public IList<IResource> WaitsFor { get; } = [server];

    public IResource Owner => Server;

    public PostgresServerResource Server { get; } = server;

    public bool ConnectionStringIsSecret => true;

    public string GetConnectionString() => Server.ApplicationConnectionString(Name);
}
