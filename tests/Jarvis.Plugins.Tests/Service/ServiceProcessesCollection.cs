namespace Jarvis.Plugins.Tests.Service;

/// <summary>
/// The test classes that start service processes run one after the other, so that their processes
/// (five for the publish tests) do not compete for the machine's cores at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServiceProcessesCollection
{
    public const string Name = "service processes";
}
