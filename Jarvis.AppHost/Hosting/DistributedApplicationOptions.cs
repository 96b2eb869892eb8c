namespace Jarvis.AppHost.Hosting;

/// <summary>How an application is hosted: where its state lives, and whether a person or a test drives it.</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>The repository and <c>.jarvis/</c>; tests point this at a temporary directory.</summary>
    public RepositoryLayout Layout { get; init; } = RepositoryLayout.Default();

    /// <summary>Tests: throwaway state, relaxed durability, no dashboard unless asked, no console banner.</summary>
    public bool Testing { get; init; }

    public bool DashboardEnabled { get; init; } = true;

    /// <summary>How long a start may take before the resources still not healthy are reported.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
