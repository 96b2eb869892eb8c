namespace Jarvis.AppHost.Tests;

/// <summary>
/// Tests that start whole AppHosts as processes of their own: run alone, after the others, so their
/// starts do not share the two cores with another whole model's start.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostProcesses
{
    public const string Name = "AppHost processes, one at a time";
}
