using Microsoft.Extensions.Configuration;

namespace Jarvis.AppHost.Hosting;

/// <summary>What resources need from the host while they prepare and start.</summary>
public sealed class HostContext(RepositoryLayout layout, SecretStore secrets, PortBook ports, IConfiguration configuration, bool testing)
{
    public RepositoryLayout Layout { get; } = layout;
    public SecretStore Secrets { get; } = secrets;
    public PortBook Ports { get; } = ports;
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>Started by tests: throwaway state, so durability settings may be relaxed for speed.</summary>
    public bool Testing { get; } = testing;

    /// <summary>The account infrastructure drops to when the AppHost runs as root; null otherwise.</summary>
    public static SystemUser? ServiceAccount(string name) => UnixProcess.IsRoot ? SystemUser.Find(name) : null;
}
