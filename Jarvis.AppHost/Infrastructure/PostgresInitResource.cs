using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// The step PostgreSQL waits on: checks the data directory (its major version, a server left running
/// by a crashed AppHost) and runs <c>initdb</c> on first use. It exits; a non-zero exit says why.
/// </summary>
public sealed class PostgresInitResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory);
